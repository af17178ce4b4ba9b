package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.Recipient;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The recipients that received the subject's tokens were issued a notice (the feed delivers it), with what it
 * refers to: the erasure id, or the consent withdrawn.
 */
@Revision("1")
public record RecipientsNotified(SubjectId subjectId, Notice notice, List<Recipient> recipients, String reference,
                                 Instant at) {
}
