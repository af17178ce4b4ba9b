package dev.pdvault.api.policy;

/** The catalogue file is invalid; the message names the file and, where known, the line. */
public final class InvalidCatalogueException extends RuntimeException {

    public InvalidCatalogueException(String source, int line, String problem) {
        super("invalid data catalogue " + source + (line > 0 ? " at line " + line : "") + ": " + problem);
    }
}
