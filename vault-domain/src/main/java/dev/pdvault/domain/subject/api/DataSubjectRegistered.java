package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Optional;

/** A data subject exists from now on. The birth date, if given, is a sealed field of the profile key class. */
@Revision("1")
public record DataSubjectRegistered(SubjectId subjectId, Region region, Optional<SealedField> birthDate,
                                    KeyClass birthDateKeyClass, AgeBand ageBand, Caller caller, Instant at) {

    /** The catalogue category, field and purpose under which a birth date given at registration is held. */
    public static final String BIRTH_DATE_CATEGORY = "profile";
    public static final String BIRTH_DATE_FIELD = "birth_date";
    public static final String BIRTH_DATE_PURPOSE = "membership";
}
