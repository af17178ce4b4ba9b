package dev.pdvault.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Sends one call, repeating it only as {@link RetryPolicy} allows. */
final class Exchange {

    /** Waits between attempts; tests replace it to see the waits without spending them. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Answers a read may be repeated after: the vault, or a proxy in front of it, did not serve it. */
    private static final Set<Integer> READ_RETRY_STATUSES = Set.of(429, 502, 503, 504);

    private final HttpClient http;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ProblemReader problems;

    Exchange(HttpClient http, RetryPolicy policy, Sleeper sleeper, Clock clock, ProblemReader problems) {
        this.http = http;
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.problems = problems;
    }

    /**
     * @param idempotent true only for reads: a repeated call changes nothing in the vault
     * @return the last answer, whatever its status
     */
    HttpResponse<String> send(HttpRequest request, boolean idempotent) {
        for (int attempt = 1; ; attempt++) {
            boolean lastAttempt = attempt >= policy.maxAttempts();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (ConnectException | HttpConnectTimeoutException neverConnected) {
                if (lastAttempt) {
                    throw new VaultTransportException("No connection to the vault", neverConnected, false);
                }
                pause(backoff(attempt), false);
                continue;
            } catch (IOException noAnswer) {
                if (!idempotent || lastAttempt) {
                    throw new VaultTransportException("No answer from the vault", noAnswer, true);
                }
                pause(backoff(attempt), true);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VaultTransportException("Interrupted while calling the vault", e, true);
            }
            Optional<Duration> retryAfter = retryAfter(response);
            if (lastAttempt || !repeatable(response, idempotent, retryAfter.isPresent())) {
                return response;
            }
            Duration wait = retryAfter.isPresent() ? retryAfter.get() : backoff(attempt);
            if (wait.compareTo(policy.maxRetryAfter()) > 0) {
                return response;
            }
            pause(wait, true);
        }
    }

    private boolean repeatable(HttpResponse<String> response, boolean idempotent, boolean retryAfter) {
        int status = response.statusCode();
        if (idempotent) {
            return READ_RETRY_STATUSES.contains(status);
        }
        return (status == 503 || status == 429) && retryAfter && !namesLateRecord(response);
    }

    /** A record that may still commit late is never repeated, whatever the headers say. */
    private boolean namesLateRecord(HttpResponse<String> response) {
        String reason = problems.read(response).reason();
        return reason.equals(NotRecordedException.ACCESS) || reason.equals(NotRecordedException.COLLECTION);
    }

    Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(this::parseRetryAfter);
    }

    /** RFC 9110 10.2.3: delay-seconds, or an HTTP-date. */
    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
        }
        try {
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Duration backoff(int retry) {
        return policy.backoff(retry, ThreadLocalRandom.current().nextDouble());
    }

    private void pause(Duration duration, boolean mayHaveReachedVault) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaultTransportException("Interrupted while waiting to retry", e, mayHaveReachedVault);
        }
    }
}
