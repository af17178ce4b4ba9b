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
        FileCatalogue file;
        try {
            file = YAML.readValue(in, FileCatalogue.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidCatalogueException(sourceName, at == null ? -1 : at.getLineNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidCatalogueException(sourceName, -1, "cannot read: " + e.getMessage());
        }
        return validate(file, sourceName);
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
                throw new InvalidCatalogueException(source, -1,
                        "category '" + name + "' names an undeclared key class '" + c.keyClass() + "'");
            }
            Set<Purpose> allowed = c.purposes().stream().map(p -> {
                Purpose purpose = new Purpose(name(source, p, "purpose"));
                if (!purposes.containsKey(purpose)) {
                    throw new InvalidCatalogueException(source, -1,
                            "category '" + name + "' names an undeclared purpose '" + p + "'");
                }
                return purpose;
            }).collect(Collectors.toSet());
            if (c.fields().isEmpty()) {
                throw new InvalidCatalogueException(source, -1, "category '" + name + "' has no fields");
            }
            Map<String, FieldDefinition> fields = new HashMap<>();
            c.fields().forEach((fieldName, f) -> {
                if (f.maxLength() < 1) {
                    throw new InvalidCatalogueException(source, -1,
                            "field '" + name + "." + fieldName + "' needs a positive maxLength");
                }
                fields.put(fieldName, new FieldDefinition(name(source, fieldName, "field"), f.type(), f.maxLength()));
            });
            categories.put(category, new CategoryDefinition(category, keyClass, c.sensitive(), fields, allowed));
        });
        return new Catalogue(file.version(), categories, purposes, keyClasses.keySet());
    }

    private static String name(String source, String value, String what) {
        if (!Ids.isName(value)) {
            throw new InvalidCatalogueException(source, -1, "'" + value + "' is not a valid " + what + " name");
        }
        return value;
    }
}
