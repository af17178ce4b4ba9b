package dev.pdvault.client.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README shows exactly the code that ClientExampleIT runs. */
class ReadmeExampleTest {

    private static final Pattern README_BLOCK = Pattern.compile(
            "<!-- example: ReadmeExample -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SOURCE_BLOCK = Pattern.compile(
            "// README example begin\\n(.*?)\\n\\s*// README example end", Pattern.DOTALL);

    @Test
    void theReadmeShowsTheExampleSource() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String source = Files.readString(Path.of("src/test/java/dev/pdvault/client/example/ReadmeExample.java"));

        Matcher inReadme = README_BLOCK.matcher(readme);
        Matcher inSource = SOURCE_BLOCK.matcher(source);
        assertThat(inReadme.find()).as("the README's example block").isTrue();
        assertThat(inSource.find()).as("the example's marked region").isTrue();

        assertThat(dedent(inReadme.group(1))).isEqualTo(dedent(inSource.group(1)));
    }

    private static List<String> dedent(String block) {
        List<String> lines = block.stripTrailing().lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }
}
