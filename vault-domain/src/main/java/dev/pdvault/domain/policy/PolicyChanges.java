package dev.pdvault.domain.policy;

import java.util.List;
import java.util.Set;

/**
 * The published policy versions that matter to consent: the current version number, and each major change
 * with the purposes it affects (policy: VIII). A consent given before a major change of its purpose is on hold.
 */
public record PolicyChanges(int currentVersion, List<MajorChange> majorChanges) {

    public record MajorChange(int version, Set<Purpose> affected) {
        public MajorChange {
            affected = Set.copyOf(affected);
        }
    }

    public PolicyChanges {
        majorChanges = List.copyOf(majorChanges);
    }

    public static PolicyChanges none() {
        return new PolicyChanges(0, List.of());
    }

    /** The oldest policy version a consent to the purpose may have been given under and still be in force. */
    public int consentValidFrom(Purpose purpose) {
        int from = 0;
        for (MajorChange change : majorChanges) {
            if (change.affected().contains(purpose) && change.version() > from) {
                from = change.version();
            }
        }
        return from;
    }
}
