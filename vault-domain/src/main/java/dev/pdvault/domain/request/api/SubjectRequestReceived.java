package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Duration;
import java.time.Instant;

/** A subject's request was received; it is due {@link #RESPONSE_TIME} later (policy: V (6) "within 15 days"). */
@Revision("1")
public record SubjectRequestReceived(RequestId requestId, SubjectId subjectId, RequestKind kind,
                                     RequestDetails details, Instant receivedAt, Instant dueAt, Caller caller) {

    public static final Duration RESPONSE_TIME = Duration.ofDays(15);
}
