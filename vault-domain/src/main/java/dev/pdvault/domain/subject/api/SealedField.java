package dev.pdvault.domain.subject.api;

import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.shared.Ids;

import java.util.Objects;

/** One field of collected personal data, as it travels in commands and events: its name, token and sealed value. */
public record SealedField(String field, Token token, SealedValue sealed) {

    public SealedField {
        Ids.requireName(field, "field");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sealed, "sealed");
    }
}
