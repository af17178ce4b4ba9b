package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;

/** A token as the access record names it: whose data, which category and field, collected for which purpose. */
public record AccessedToken(Token token, SubjectId subjectId, Category category, String field,
                            Purpose collectedFor) {
}
