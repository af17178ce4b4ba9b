package dev.pdvault.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/threat-model.md names tests as the proof of each mitigation: every test it names must exist. */
class ThreatModelTest {

    private static final Pattern NAMED_TEST =
            Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT))(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyTestTheThreatModelNamesExists() throws IOException {
        Path root = repositoryRoot();
        String threatModel = Files.readString(root.resolve("docs/threat-model.md"));
        Map<String, List<String>> sourcesByClass = testSources(root);

        List<String> missing = new ArrayList<>();
        Matcher named = NAMED_TEST.matcher(threatModel);
        int count = 0;
        while (named.find()) {
            count++;
            String testClass = named.group(1);
            String method = named.group(2);
            List<String> sources = sourcesByClass.getOrDefault(testClass, List.of());
            if (sources.isEmpty()) {
                missing.add(testClass);
            } else if (method != null && sources.stream().noneMatch(s -> s.contains(" void " + method + "("))) {
                missing.add(testClass + "." + method);
            }
        }

        assertThat(count).as("tests named in docs/threat-model.md").isGreaterThan(50);
        assertThat(missing).as("tests named in docs/threat-model.md that do not exist").isEmpty();
    }

    private static Map<String, List<String>> testSources(Path root) {
        return testSourceFolders(root).stream().flatMap(ThreatModelTest::javaFiles)
                .collect(Collectors.groupingBy(file -> file.getFileName().toString().replace(".java", ""),
                        Collectors.mapping(ThreatModelTest::read, Collectors.toList())));
    }

    /** {@code <module>/src/test/java} of every module, also of modules added after this test. */
    private static List<Path> testSourceFolders(Path root) {
        try (Stream<Path> topLevel = Files.list(root)) {
            return topLevel.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                    .flatMap(ThreatModelTest::testSourceFoldersWithin).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> testSourceFoldersWithin(Path dir) {
        try (Stream<Path> folders = Files.walk(dir, 4)) {
            return folders.filter(f -> f.endsWith(Path.of("src", "test", "java"))).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/threat-model.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder above the working directory with docs/threat-model.md").isNotNull();
        return dir;
    }
}
