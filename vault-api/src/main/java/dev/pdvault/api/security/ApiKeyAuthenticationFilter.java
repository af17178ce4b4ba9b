package dev.pdvault.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates {@code /v1/**} requests by {@code Authorization: Bearer <api key>}. No or unknown key: 401
 * with a problem document, before anything else runs. Health and the OpenAPI document need no key.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityRegistry identities;
    private final ObjectMapper json;

    public ApiKeyAuthenticationFilter(IdentityRegistry identities, ObjectMapper json) {
        this.identities = identities;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/v1/") || path.equals("/v1/openapi") || path.equals("/v1/openapi.yaml")
                || path.startsWith("/v1/openapi/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        Optional<Identity> identity = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            identity = identities.authenticate(header.substring(7).trim());
        }
        if (identity.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, json, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "Send Authorization: Bearer <api key> of a configured identity."));
            return;
        }
        request.setAttribute(AccessControl.IDENTITY, identity.get());
        chain.doFilter(request, response);
    }
}
