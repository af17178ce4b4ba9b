package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The subject appealed the automated decision whose explanation it received. */
@Revision("1")
public record AutomatedDecisionAppealed(RequestId requestId, SubjectId subjectId, Caller caller, Instant at) {
}
