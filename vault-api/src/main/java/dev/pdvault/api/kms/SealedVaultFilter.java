package dev.pdvault.api.kms;

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

/**
 * While the vault is sealed, answers every request but {@code /actuator/health*} with 503 {@code vault-sealed}
 * and the cause, before authentication or anything else runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class SealedVaultFilter extends OncePerRequestFilter {

    private final VaultSeal seal;
    private final ObjectMapper json;

    public SealedVaultFilter(VaultSeal seal, ObjectMapper json) {
        this.seal = seal;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!seal.sealed()) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String cause = seal.cause();
        if (cause == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Long.toString(Math.max(1, seal.retryInterval().toSeconds())));
        Problems.write(response, json, Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "vault-sealed",
                "Vault sealed", "The vault is sealed: " + cause + ". It retries every "
                        + seal.retryInterval().toSeconds() + " s; see docs/operations.md, \"Sealed start\"."));
    }
}
