package dev.pdvault.api.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.FieldType;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the catalogue YAML strictly (unknown keys, missing values, dangling references are errors) and says
 * which line is wrong, so that an invalid policy stops the vault with a message a person can act on.
 */
public final class CatalogueLoader {

    record FileField(@JsonProperty(required = true) FieldType type, @JsonProperty(required = true) Integer maxLength) {
    }

    record FileCategory(@JsonProperty(required = true) String keyClass, @JsonProperty(required = true) Boolean sensitive,
                        @JsonProperty(required = true) List<String> purposes,
                        @JsonProperty(required = true) LinkedHashMap<String, FileField> fields) {
    }

    record FilePurpose(@JsonProperty(required = true) Boolean basic) {
    }

    record FileKeyClass(@JsonProperty(required = true) String retention) {
    }

    record FileCatalogue(@JsonProperty(required = true) String version,
                         @JsonProperty(required = true) LinkedHashMap<String, FileKeyClass> keyClasses,
                         @JsonProperty(required = true) LinkedHashMap<String, FilePurpose> purposes,
                         @JsonProperty(required = true) LinkedHashMap<String, FileCategory> categories) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    private CatalogueLoader() {
    }

    public static Catalogue load(InputStream in, String sourceName) {
        String text;
        try {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidCatalogueException(sourceName, -1, "cannot read: " + e.getMessage());
        }
        FileCatalogue file;
        try {
            file = YAML.readValue(text, FileCatalogue.class);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            // Records are read through their constructor, so Jackson notices the stray key at the end of its
            // object: the key's own line is the useful one.
            throw new InvalidCatalogueException(sourceName, lineOf(text, e.getPropertyName()),
                    "unknown key '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidCatalogueException(sourceName, at == null ? -1 : at.getLineNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidCatalogueException(sourceName, -1, "cannot read: " + e.getMessage());
        }
        try {
            Catalogue catalogue = validate(file, sourceName);
            requireRegistrationEntries(catalogue, sourceName);
            return catalogue;
        } catch (Problem p) {
            throw new InvalidCatalogueException(sourceName, lineOf(text, p.near), p.getMessage());
        }
    }

    /** A semantic error, with the text near which it stands, so the loader can name its line. */
    private static final class Problem extends RuntimeException {
        final String near;

        Problem(String near, String message) {
            super(message, null, false, false);
            this.near = near;
        }
    }

    /** The 1-based line of the first line that mentions {@code needle} as a YAML key or list item; -1 if none. */
    static int lineOf(String text, String needle) {
        if (needle == null) {
            return -1;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(needle + ":") || line.contains(" " + needle + ",") || line.contains("[" + needle)
                    || line.contains(" " + needle + "]") || line.endsWith(": " + needle)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static void requireRegistrationEntries(Catalogue catalogue, String source) {
        var profile = catalogue.category(DataSubjectRegistered.BIRTH_DATE_CATEGORY).orElseThrow(() -> new Problem(
                "categories", "registration needs the category '" + DataSubjectRegistered.BIRTH_DATE_CATEGORY + "'"));
        if (profile.field(DataSubjectRegistered.BIRTH_DATE_FIELD).isEmpty()
                || !profile.purposes().contains(new Purpose(DataSubjectRegistered.BIRTH_DATE_PURPOSE))) {
            throw new Problem(DataSubjectRegistered.BIRTH_DATE_CATEGORY, "registration needs the field '"
                    + DataSubjectRegistered.BIRTH_DATE_FIELD + "' and the purpose '"
                    + DataSubjectRegistered.BIRTH_DATE_PURPOSE + "' in category '"
                    + DataSubjectRegistered.BIRTH_DATE_CATEGORY + "'");
        }
    }

    private static Catalogue validate(FileCatalogue file, String source) {
        Map<KeyClass, String> keyClasses = new HashMap<>();
        file.keyClasses().forEach((name, k) -> keyClasses.put(new KeyClass(name(source, name, "key class")), k.retention()));
        Map<Purpose, PurposeDefinition> purposes = new HashMap<>();
        file.purposes().forEach((name, p) -> {
            Purpose purpose = new Purpose(name(source, name, "purpose"));
            purposes.put(purpose, new PurposeDefinition(purpose, p.basic()));
        });
        Map<Category, CategoryDefinition> categories = new HashMap<>();
        file.categories().forEach((name, c) -> {
            Category category = new Category(name(source, name, "category"));
            KeyClass keyClass = new KeyClass(name(source, c.keyClass(), "key class"));
            if (!keyClasses.containsKey(keyClass)) {
                throw new Problem(c.keyClass(),
                        "category '" + name + "' names an undeclared key class '" + c.keyClass() + "'");
            }
            Set<Purpose> allowed = c.purposes().stream().map(p -> {
                Purpose purpose = new Purpose(name(source, p, "purpose"));
                if (!purposes.containsKey(purpose)) {
                    throw new Problem(p, "category '" + name + "' names an undeclared purpose '" + p + "'");
                }
                return purpose;
            }).collect(Collectors.toSet());
            if (c.fields().isEmpty()) {
                throw new Problem(name, "category '" + name + "' has no fields");
            }
            Map<String, FieldDefinition> fields = new HashMap<>();
            c.fields().forEach((fieldName, f) -> {
                if (f.maxLength() < 1) {
                    throw new Problem(fieldName, "field '" + name + "." + fieldName + "' needs a positive maxLength");
                }
                fields.put(fieldName, new FieldDefinition(name(source, fieldName, "field"), f.type(), f.maxLength()));
            });
            categories.put(category, new CategoryDefinition(category, keyClass, c.sensitive(), fields, allowed));
        });
        return new Catalogue(file.version(), categories, purposes, keyClasses.keySet());
    }

    private static String name(String source, String value, String what) {
        if (!Ids.isName(value)) {
            throw new Problem(value, "'" + value + "' is not a valid " + what + " name");
        }
        return value;
    }
}
