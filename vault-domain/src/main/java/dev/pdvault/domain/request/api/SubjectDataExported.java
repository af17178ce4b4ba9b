package dev.pdvault.domain.request.api;

import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Everything held about the subject was exported, decrypted, to the officer fulfilling an access request. Records
 * that it happened and how many tokens it held; the export itself is never stored.
 */
@Revision("1")
public record SubjectDataExported(RequestId requestId, SubjectId subjectId, int tokensExported, Instant at) {
}
