package dev.pdvault.domain.subject.api;

/** Where a subject is in its life: active, erasure requested but not finished, or erased (crypto-shredded). */
public enum SubjectStatus {
    ACTIVE, ERASURE_REQUESTED, ERASED
}
