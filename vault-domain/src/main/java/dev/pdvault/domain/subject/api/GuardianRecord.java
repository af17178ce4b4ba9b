package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;

import java.util.List;

/**
 * The identity of the guardian who consents for a subject under 14: fields of the catalogue's guardian
 * category, sealed under the subject's key like any personal data, collected with the consent.
 */
public record GuardianRecord(CollectionId collectionId, KeyClass keyClass, List<SealedField> fields) {

    public GuardianRecord {
        fields = List.copyOf(fields);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a guardian record has at least one field");
        }
    }
}
