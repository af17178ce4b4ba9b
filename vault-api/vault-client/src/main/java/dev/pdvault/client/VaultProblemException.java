package dev.pdvault.client;

import java.time.Duration;
import java.util.Optional;

/** The vault answered with an error: the problem it sent, typed by what a caller can do about it. */
public abstract sealed class VaultProblemException extends VaultException
        permits InvalidRequestException, AuthenticationException, AccessDeniedException, NotFoundException,
        ConflictException, DataErasedException, RateLimitedException, VaultUnavailableException,
        VaultServerException {

    private final Problem problem;
    private final Duration retryAfter;

    VaultProblemException(Problem problem, Duration retryAfter) {
        super(problem.status() + " " + problem.reason() + ": " + problem.title(), null);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    public Problem problem() {
        return problem;
    }

    /** The stable reason the vault gave, e.g. {@code purpose-not-granted} (docs/api.md lists them per endpoint). */
    public String reason() {
        return problem.reason();
    }

    public int status() {
        return problem.status();
    }

    /** When the vault asked the caller to come back ({@code Retry-After}), and the client's retries ran out. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static VaultProblemException of(Problem problem, Duration retryAfter) {
        return switch (problem.status()) {
            case 400, 413, 422 -> new InvalidRequestException(problem);
            case 401 -> new AuthenticationException(problem);
            case 403 -> new AccessDeniedException(problem);
            case 404 -> new NotFoundException(problem);
            case 409 -> new ConflictException(problem);
            case 410 -> new DataErasedException(problem);
            case 429 -> new RateLimitedException(problem, retryAfter);
            case 503 -> switch (problem.reason()) {
                case VaultSealedException.REASON -> new VaultSealedException(problem, retryAfter);
                case NotRecordedException.ACCESS, NotRecordedException.COLLECTION ->
                        new NotRecordedException(problem, retryAfter);
                default -> new VaultUnavailableException(problem, retryAfter);
            };
            default -> new VaultServerException(problem);
        };
    }
}
