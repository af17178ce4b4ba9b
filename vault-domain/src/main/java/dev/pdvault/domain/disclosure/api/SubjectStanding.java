package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.Map;

/** What the vault knew about a subject named in a transfer: whether it is still active, and its consents. */
public record SubjectStanding(SubjectId subjectId, SubjectStatus status, Map<ConsentScope, ConsentStatus> consents) {

    public SubjectStanding {
        consents = Map.copyOf(consents);
    }
}
