package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A request was refused on one of the policy's grounds, with a note; nothing of it was carried out. */
@Revision("1")
public record SubjectRequestRefused(RequestId requestId, SubjectId subjectId, RefusalGround ground, String note,
                                    Caller caller, Instant at) {
}
