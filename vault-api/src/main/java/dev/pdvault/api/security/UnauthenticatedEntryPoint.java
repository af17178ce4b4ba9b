package dev.pdvault.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.web.Problems;
import dev.pdvault.domain.security.api.DenialCause;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.util.Optional;

/**
 * 401 with a problem document and {@code WWW-Authenticate: Bearer} for a request without a credential the vault
 * accepts; the denial is recorded ({@link DenialRecorder}). The problem never says which check failed (expired,
 * issuer, audience, signature, claims): that would help whoever is guessing.
 */
final class UnauthenticatedEntryPoint implements AuthenticationEntryPoint {

    private final DenialRecorder denials;
    private final RouteOfRequest routes;
    private final ObjectMapper json;

    UnauthenticatedEntryPoint(DenialRecorder denials, RouteOfRequest routes, ObjectMapper json) {
        this.denials = denials;
        this.routes = routes;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean presented = failure instanceof OAuth2AuthenticationException
                || failure instanceof InvalidBearerTokenException || request.getHeader("Authorization") != null;
        denials.record(Optional.empty(), request.getRemoteAddr(), routes.of(request),
                presented ? DenialCause.INVALID_CREDENTIAL : DenialCause.NO_CREDENTIAL);
        response.setHeader("WWW-Authenticate", presented ? "Bearer error=\"invalid_token\"" : "Bearer");
        Problems.write(response, json, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Authentication required", presented
                        ? "The bearer credential was not accepted."
                        : "Send Authorization: Bearer <token> of a configured identity."));
    }
}
