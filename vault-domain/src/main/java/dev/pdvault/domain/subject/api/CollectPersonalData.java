package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Collects one record of personal data of a category, for a purpose; every field is already sealed. The
 * consents the collection needs (from the catalogue) and the policy's major changes travel with it, so the
 * subject decides against its own consents.
 */
public record CollectPersonalData(@TargetAggregateIdentifier SubjectId subjectId, CollectionId collectionId,
                                  Category category, Purpose purpose, Source source, KeyClass keyClass,
                                  List<SealedField> fields, List<ConsentScope> consentRequired,
                                  PolicyChanges policy, Caller caller, Instant at) implements SubjectCommand {

    public CollectPersonalData {
        fields = List.copyOf(fields);
        consentRequired = List.copyOf(consentRequired);
    }

    /** A collection that needs no consent (a basic purpose, a category that is not sensitive). */
    public CollectPersonalData(SubjectId subjectId, CollectionId collectionId, Category category, Purpose purpose,
                               Source source, KeyClass keyClass, List<SealedField> fields, Caller caller, Instant at) {
        this(subjectId, collectionId, category, purpose, source, keyClass, fields, List.of(), PolicyChanges.none(),
                caller, at);
    }
}
