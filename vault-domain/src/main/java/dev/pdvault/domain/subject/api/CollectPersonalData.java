package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Collects one record of personal data of a category, for a purpose; every field is already sealed. */
public record CollectPersonalData(@TargetAggregateIdentifier SubjectId subjectId, CollectionId collectionId,
                                  Category category, Purpose purpose, Source source, KeyClass keyClass,
                                  List<SealedField> fields, Caller caller, Instant at) implements SubjectCommand {

    public CollectPersonalData {
        fields = List.copyOf(fields);
    }
}
