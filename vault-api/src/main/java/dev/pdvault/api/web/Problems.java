package dev.pdvault.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.observability.ProblemCorrelation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.io.IOException;
import java.net.URI;

/**
 * RFC 9457 problem details with stable types: {@code https://pdvault.dev/problems/<slug>}, listed in
 * docs/api.md. Details never echo request content: it may be personal data.
 */
public final class Problems {

    public static final String BASE = "https://pdvault.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ErrorResponseException exception(HttpStatus status, String slug, String title, String detail) {
        return new ErrorResponseException(status, problem(status, slug, title, detail), null);
    }

    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ProblemCorrelation.tag(problem));
    }
}
