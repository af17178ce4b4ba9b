package dev.pdvault.domain.publication.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/** A policy version is in force from now on; versions are numbered 1, 2, ... in order of publication. */
@Revision("1")
public record PolicyVersionPublished(String policy, int number, String label, boolean major,
                                     Set<Purpose> affectedPurposes, String summary, Caller caller, Instant at) {
}
