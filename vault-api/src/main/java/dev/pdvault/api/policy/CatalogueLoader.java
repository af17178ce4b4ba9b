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
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.policy.RecipientDefinition;
import dev.pdvault.domain.policy.RecipientKind;
import dev.pdvault.domain.policy.RetentionRule;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the catalogue YAML strictly (unknown keys, missing values, dangling references are errors) and says
 * which line is wrong, so that an invalid policy stops the vault with a message a person can act on.
 */
public final class CatalogueLoader {

    record FileField(@JsonProperty(required = true) FieldType type, @JsonProperty(required = true) Integer maxLength) {
    }

    record FileRetention(@JsonProperty(required = true) RetentionRule.Basis basis, Optional<Integer> years) {
    }

    record FileCategory(@JsonProperty(required = true) String keyClass, @JsonProperty(required = true) Boolean sensitive,
                        @JsonProperty(required = true) List<String> purposes,
                        @JsonProperty(required = true) FileRetention retention,
                        @JsonProperty(required = true) LinkedHashMap<String, FileField> fields) {
    }

    record FilePurpose(@JsonProperty(required = true) Boolean basic, Optional<OptOut> optOut) {
    }

    record FileRecipient(@JsonProperty(required = true) RecipientKind kind, @JsonProperty(required = true) String region,
                         @JsonProperty(required = true) LinkedHashMap<String, List<String>> receives) {
    }

    record FileKeyClass(@JsonProperty(required = true) String retention) {
    }

    record FileCatalogue(@JsonProperty(required = true) String version,
                         @JsonProperty(required = true) Integer minimumAggregateGroup,
                         @JsonProperty(required = true) LinkedHashMap<String, FileKeyClass> keyClasses,
                         @JsonProperty(required = true) LinkedHashMap<String, FilePurpose> purposes,
                         @JsonProperty(required = true) LinkedHashMap<String, FileCategory> categories,
                         @JsonProperty(required = true) LinkedHashMap<String, FileRecipient> recipients) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS);

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
            throw new InvalidCatalogueException(sourceName, at == null ? -1 : at.getLineNr(),
                    withoutQuotedSource(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidCatalogueException(sourceName, -1, "cannot read: " + e.getMessage());
        }
        if (file == null) {
            throw new InvalidCatalogueException(sourceName, -1, "the catalogue is empty");
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

    /**
     * The YAML parser's message without the lines it quotes from the file (a snippet and a caret under it): the
     * line number says where, and a quoted line could carry a comment with anything in it.
     */
    static String withoutQuotedSource(String message) {
        if (message == null) {
            return "unreadable YAML";
        }
        return Arrays.stream(message.split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith(" in '") && !line.startsWith("    "))
                .collect(Collectors.joining("; "));
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
        if (catalogue.category(ConsentGranted.GUARDIAN_CATEGORY).isEmpty()) {
            throw new Problem("categories", "consent of subjects under 14 needs the category '"
                    + ConsentGranted.GUARDIAN_CATEGORY + "'");
        }
        if (catalogue.purpose(CrossBorderTransferRecorded.CROSS_BORDER_PURPOSE).isEmpty()) {
            throw new Problem("purposes", "residency needs the purpose '"
                    + CrossBorderTransferRecorded.CROSS_BORDER_PURPOSE + "'");
        }
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
        file.keyClasses().forEach((name, k) -> keyClasses.put(new KeyClass(name(source, name, "key class")),
                defined(k, name, "key class").retention()));
        Map<Purpose, PurposeDefinition> purposes = new HashMap<>();
        file.purposes().forEach((name, p) -> {
            Purpose purpose = new Purpose(name(source, name, "purpose"));
            FilePurpose definition = defined(p, name, "purpose");
            purposes.put(purpose, new PurposeDefinition(purpose, definition.basic(), definition.optOut()));
        });
        Map<Category, CategoryDefinition> categories = new HashMap<>();
        file.categories().forEach((name, definition) -> {
            Category category = new Category(name(source, name, "category"));
            FileCategory c = defined(definition, name, "category");
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
            c.fields().forEach((fieldName, fieldDefinition) -> {
                FileField f = defined(fieldDefinition, fieldName, "field");
                if (f.maxLength() < 1) {
                    throw new Problem(fieldName, "field '" + name + "." + fieldName + "' needs a positive maxLength");
                }
                fields.put(fieldName, new FieldDefinition(name(source, fieldName, "field"), f.type(), f.maxLength()));
            });
            categories.put(category, new CategoryDefinition(category, keyClass, c.sensitive(), fields, allowed,
                    retention(name, c.retention())));
        });
        if (file.minimumAggregateGroup() < 2) {
            throw new Problem("minimumAggregateGroup", "minimumAggregateGroup must be at least 2");
        }
        Map<Recipient, RecipientDefinition> recipients = new HashMap<>();
        file.recipients().forEach((name, definition) -> {
            Recipient recipient = new Recipient(name(source, name, "recipient"));
            FileRecipient r = defined(definition, name, "recipient");
            if (r.region() == null || !r.region().matches("[A-Z]{2}(-[A-Z0-9]{1,3})?")) {
                throw new Problem(name, "recipient '" + name + "' has an invalid region '" + r.region() + "'");
            }
            if (r.kind() == RecipientKind.ADVERTISING_CLIENT && !r.receives().isEmpty()) {
                throw new Problem(name, "recipient '" + name + "' is an advertising client: it receives no personal"
                        + " data, only aggregated statistics");
            }
            Map<Purpose, Set<String>> receives = new HashMap<>();
            r.receives().forEach((purposeName, fields) -> {
                Purpose purpose = new Purpose(name(source, purposeName, "purpose"));
                if (!purposes.containsKey(purpose)) {
                    throw new Problem(purposeName, "recipient '" + name + "' names an undeclared purpose '"
                            + purposeName + "'");
                }
                for (String field : defined(fields, purposeName, "list of fields")) {
                    if (field == null) {
                        throw new Problem(purposeName, "recipient '" + name + "' lists an empty field for '"
                                + purposeName + "'");
                    }
                    String[] parts = field.split("\\.", -1);
                    CategoryDefinition category = parts.length == 2 && Ids.isName(parts[0])
                            ? categories.get(new Category(parts[0])) : null;
                    if (category == null || category.field(parts[1]).isEmpty()) {
                        throw new Problem(field, "recipient '" + name + "' names an undeclared field '" + field + "'");
                    }
                    if (!category.purposes().contains(purpose)) {
                        throw new Problem(field, "recipient '" + name + "' would receive '" + field + "' for '"
                                + purposeName + "', a purpose its category may not be used for");
                    }
                }
                receives.put(purpose, Set.copyOf(fields));
            });
            recipients.put(recipient, new RecipientDefinition(recipient, r.kind(), r.region(), receives));
        });
        return new Catalogue(file.version(), categories, purposes, keyClasses.keySet(), recipients,
                file.minimumAggregateGroup());
    }

    private static RetentionRule retention(String category, FileRetention retention) {
        return switch (retention.basis()) {
            case WHILE_PURPOSE_LASTS -> {
                if (retention.years().isPresent()) {
                    throw new Problem(category, "category '" + category + "': years apply only to"
                            + " after_transaction_completes");
                }
                yield RetentionRule.whilePurposeLasts();
            }
            case AFTER_TRANSACTION_COMPLETES -> {
                if (retention.years().orElse(0) < 1) {
                    throw new Problem(category, "category '" + category + "': after_transaction_completes needs"
                            + " a positive number of years");
                }
                yield new RetentionRule(RetentionRule.Basis.AFTER_TRANSACTION_COMPLETES,
                        java.time.Period.ofYears(retention.years().get()));
            }
        };
    }

    /** A key given with no value ({@code key:} or {@code key: ~}) reads as null. */
    private static <T> T defined(T value, String name, String what) {
        if (value == null) {
            throw new Problem(name, what + " '" + name + "' has no definition");
        }
        return value;
    }

    private static String name(String source, String value, String what) {
        if (!Ids.isName(value)) {
            throw new Problem(value, "'" + value + "' is not a valid " + what + " name");
        }
        return value;
    }
}
