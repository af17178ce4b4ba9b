package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The requesting subject's identity was verified by {@code verifiedBy}, by the method named. */
@Revision("1")
public record SubjectIdentityVerified(RequestId requestId, SubjectId subjectId, String method, Caller verifiedBy,
                                      Instant at) {
}
