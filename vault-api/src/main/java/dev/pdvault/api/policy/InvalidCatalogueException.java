package dev.pdvault.api.policy;

/**
 * The catalogue file is invalid; the message names the file and, where known, the line. The problem is cut
 * short, so that a huge value in the file cannot make a huge log line.
 */
public final class InvalidCatalogueException extends RuntimeException {

    private static final int LONGEST_PROBLEM = 200;

    public InvalidCatalogueException(String source, int line, String problem) {
        super("invalid data catalogue " + source + (line > 0 ? " at line " + line : "") + ": " + shortened(problem));
    }

    private static String shortened(String problem) {
        return problem.length() <= LONGEST_PROBLEM ? problem : problem.substring(0, LONGEST_PROBLEM) + "…";
    }
}
