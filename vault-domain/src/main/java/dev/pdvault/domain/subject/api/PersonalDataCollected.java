package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** A record of personal data was collected; each field is sealed under the subject's key of {@code keyClass}. */
@Revision("1")
public record PersonalDataCollected(SubjectId subjectId, CollectionId collectionId, Category category,
                                    Purpose purpose, Source source, KeyClass keyClass, List<SealedField> fields,
                                    Caller caller, Instant at) {
}
