package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.subject.api.SubjectId;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of a transfer or public disclosure decision: allowed, or denied for one reason, naming the
 * subjects that made it fail when the reason is theirs (no consent, erased, unknown).
 */
public record DisclosureVerdict(Optional<DenialReason> denial, List<SubjectId> refusedSubjects) {

    public DisclosureVerdict {
        refusedSubjects = List.copyOf(refusedSubjects);
        if (denial.isEmpty() && !refusedSubjects.isEmpty()) {
            throw new IllegalArgumentException("an allowed verdict refuses no subject");
        }
    }

    public static DisclosureVerdict allow() {
        return new DisclosureVerdict(Optional.empty(), List.of());
    }

    public static DisclosureVerdict deny(DenialReason reason) {
        return new DisclosureVerdict(Optional.of(reason), List.of());
    }

    public static DisclosureVerdict deny(DenialReason reason, List<SubjectId> subjects) {
        return new DisclosureVerdict(Optional.of(reason), subjects);
    }

    public boolean allowed() {
        return denial.isEmpty();
    }
}
