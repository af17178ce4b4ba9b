package dev.pdvault.api.config;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md describes every {@code vault.*} setting the application binds, with its default: the
 * settings are collected from the {@code @ConfigurationProperties} records, from {@code ${vault.…}} placeholders
 * and {@code getProperty("vault.…")} calls in the main sources, and from the keys of the application*.yml files.
 */
class ConfigurationReferenceTest {

    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path REFERENCE = Path.of("../docs/configuration.md");
    private static final List<Pattern> SOURCE_REFERENCES = List.of(
            Pattern.compile("\\$\\{(vault\\.[a-z0-9.\\[\\]-]+)"),
            Pattern.compile("getProperty\\(\\s*\"(vault\\.[a-z0-9.\\[\\]-]+)\""),
            Pattern.compile("ConditionalOnProperty\\([^)]*\"(vault\\.[a-z0-9.\\[\\]-]+)\""));
    private static final Pattern NAME_IN_CELL = Pattern.compile("`(vault\\.[a-z0-9.\\[\\]-]+)`");

    private static Map<String, String> documented;

    @BeforeAll
    static void readTheReference() throws IOException {
        documented = new TreeMap<>();
        for (String line : Files.readAllLines(REFERENCE)) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 4) {
                continue;
            }
            Matcher names = NAME_IN_CELL.matcher(cells[1]);
            while (names.find()) {
                documented.put(names.group(1), cells[2].trim());
            }
        }
    }

    @Test
    void collectsTheSettingsOfEveryKindOfBinding() {
        Set<String> bound = boundSettings();

        assertThat(bound).contains("vault.limits.max-tokens-per-request", "vault.kek.rewrap.batch-size",
                "vault.ledger.checkpoint-interval", "vault.security.identities[].key-sha256",
                "vault.policy.catalogue", "vault.embedded-postgres.port", "vault.retention.sweep-interval");
    }

    @Test
    void everyBoundSettingIsDocumentedWithItsDefault() {
        Set<String> undocumented = new TreeSet<>(boundSettings());
        undocumented.removeAll(documented.keySet());
        assertThat(undocumented).as("vault.* settings missing from docs/configuration.md").isEmpty();

        Set<String> withoutDefault = new TreeSet<>();
        boundSettings().forEach(name -> {
            if (documented.get(name).isBlank()) {
                withoutDefault.add(name);
            }
        });
        assertThat(withoutDefault).as("settings whose row in docs/configuration.md has no default").isEmpty();
    }

    @Test
    void everyDocumentedSettingIsBound() {
        Set<String> stale = new TreeSet<>(documented.keySet());
        stale.removeAll(boundSettings());
        assertThat(stale).as("docs/configuration.md names settings the vault does not read").isEmpty();
    }

    static Set<String> boundSettings() {
        Set<String> settings = new TreeSet<>();
        settings.addAll(fromConfigurationProperties());
        settings.addAll(fromSources());
        settings.addAll(fromApplicationYaml());
        settings.addAll(settings.stream().filter(name -> name.contains("[]"))
                .map(name -> name.substring(0, name.indexOf("[]"))).toList());
        return settings;
    }

    private static Set<String> fromConfigurationProperties() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> settings = new TreeSet<>();
        scanner.findCandidateComponents("dev.pdvault").forEach(candidate -> {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                ConfigurationProperties binding = type.getAnnotation(ConfigurationProperties.class);
                String prefix = binding.prefix().isEmpty() ? binding.value() : binding.prefix();
                assertThat(type.isRecord()).as(type + " is a record").isTrue();
                walk(prefix, type, settings);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(settings).as("settings from @ConfigurationProperties").isNotEmpty();
        return settings;
    }

    private static void walk(String prefix, Class<?> record, Set<String> settings) {
        for (RecordComponent component : record.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            Type generic = component.getGenericType();
            if (isSettingsRecord(type)) {
                walk(name, type, settings);
            } else if (Collection.class.isAssignableFrom(type) && generic instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element && isSettingsRecord(element)) {
                walk(name + "[]", element, settings);
            } else {
                settings.add(name);
            }
        }
    }

    private static boolean isSettingsRecord(Class<?> type) {
        return type.isRecord() && type.getName().startsWith("dev.pdvault.");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static Set<String> fromSources() {
        Set<String> settings = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                String source = read(file);
                for (Pattern reference : SOURCE_REFERENCES) {
                    Matcher matcher = reference.matcher(source);
                    while (matcher.find()) {
                        settings.add(matcher.group(1));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private static Set<String> fromApplicationYaml() {
        Set<String> settings = new TreeSet<>();
        try (Stream<Path> files = Files.list(RESOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Object document : new Yaml().loadAll(in)) {
                        if (document instanceof Map<?, ?> root && root.get("vault") instanceof Map<?, ?> vault) {
                            flatten("vault", vault, settings);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return settings;
    }

    private static void flatten(String prefix, Object value, Set<String> settings) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> flatten(prefix + "." + key, nested, settings));
        } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
            list.forEach(element -> flatten(prefix + "[]", element, settings));
        } else {
            settings.add(prefix);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
