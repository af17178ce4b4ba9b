package dev.pdvault.api.web;

import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.MalformedTokenException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.sql.SQLTransientConnectionException;

/**
 * Turns every failure into a problem document with a stable type. Nothing from the request is echoed, and
 * unexpected failures are logged by exception class only, since a message could carry anything.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        Throwable cause = ex.getCause();
        ProblemDetail problem;
        if (hasCause(ex, BodySizeLimitFilter.BodyTooLargeException.class)) {
            problem = Problems.problem(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", "Request body too large",
                    "The body exceeds the configured limit.");
        } else if (cause instanceof UnrecognizedPropertyException) {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "unknown-property", "Unknown property",
                    "The body has a property this operation does not accept.");
        } else {
            problem = Problems.problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed body",
                    "The body is not JSON of the expected shape.");
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "Missing or invalid properties: " + String.join(", ", ex.getBindingResult().getFieldErrors()
                        .stream().map(e -> e.getField().replaceAll("[^A-Za-z0-9_.\\[\\]]", "?")).distinct()
                        .toList()));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body == null && ex instanceof ErrorResponse known) {
            body = known.getBody();
        }
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(Problems.BASE + "http-" + statusCode.value()));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail unknownAggregate() {
        return VaultProblem.unknownSubject().getBody();
    }

    @ExceptionHandler(MalformedTokenException.class)
    ProblemDetail malformedToken() {
        return Problems.problem(HttpStatus.BAD_REQUEST, "malformed-token", "Malformed token",
                "A token is not of the vault's token format.");
    }

    @ExceptionHandler(InvalidIdException.class)
    ProblemDetail invalidId(InvalidIdException e) {
        String kind = e.kind().replace(' ', '-');
        return Problems.problem(HttpStatus.BAD_REQUEST, "invalid-" + kind, "Invalid " + e.kind(),
                "The " + e.kind() + " is not of the accepted form.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            return ResponseEntity.status(known.getStatusCode()).body(known.getBody());
        }
        if (databaseUnreachable(e)) {
            log.warn("Database unreachable: {}", e.getClass().getName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                            "Database unavailable", "The vault cannot reach its database, so nothing was done."
                                    + " Try again later."));
        }
        if (hasCause(e, ConcurrencyException.class)) {
            // another request, on this node or another, appended to the same aggregate first; the rollback has
            // dropped this node's cached copy, so the same request sent again works on what was stored
            log.warn("Concurrent change refused: {}", e.getClass().getName());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.problem(HttpStatus.CONFLICT,
                    "concurrent-change", "Changed concurrently", "Another request changed the same data subject at"
                            + " the same time, so nothing of this request was kept. Send it again."));
        }
        log.error("Unexpected failure: {}", e.getClass().getName());
        ProblemDetail problem = Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "The vault could not complete the request.");
        return ResponseEntity.internalServerError().body(problem);
    }

    /** PostgreSQL down, restarting or out of connections: the request may succeed when retried. */
    private static boolean databaseUnreachable(Throwable e) {
        return hasCause(e, DataAccessResourceFailureException.class)
                || hasCause(e, CannotCreateTransactionException.class)
                || hasCause(e, SQLTransientConnectionException.class);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
