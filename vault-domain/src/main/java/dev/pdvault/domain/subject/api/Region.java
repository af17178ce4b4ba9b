package dev.pdvault.domain.subject.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** Where a subject's data was collected, which decides where it is stored: an ISO 3166 code such as CN or CN-HK. */
public record Region(@JsonValue String code) {

    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");

    public Region {
        if (code == null || !SHAPE.matcher(code).matches()) {
            throw new dev.pdvault.domain.shared.InvalidIdException("region");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Region of(String code) {
        return new Region(code);
    }

    /** Mainland China, whose data stays in its own store unless a listed exception holds. */
    public boolean isMainlandChina() {
        return code.equals("CN");
    }
}
