package dev.pdvault.domain.subject.api;


/** A tombstone may only follow a recorded erasure request: keys are never destroyed without one. */
public final class ErasureNotRequestedException extends IllegalStateException {

    private final SubjectId subjectId;

    public ErasureNotRequestedException(SubjectId subjectId) {
        super("no pending erasure request for this subject");
        this.subjectId = subjectId;
    }

    public SubjectId subjectId() {
        return subjectId;
    }
}
