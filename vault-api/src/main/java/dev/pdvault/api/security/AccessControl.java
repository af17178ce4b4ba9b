package dev.pdvault.api.security;

import dev.pdvault.api.web.Problems;
import dev.pdvault.domain.security.api.DenialCause;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits a request to a handler only when its identity is within its rate limit and has one of the handler's
 * {@link Allowed} roles. Handlers without the annotation admit nobody. Every refusal is recorded
 * ({@link DenialRecorder}).
 */
@Component
public class AccessControl implements HandlerInterceptor {

    public static final String IDENTITY = "dev.pdvault.api.security.identity";

    private final DenialRecorder denials;
    private final RouteOfRequest routes;
    private final RateLimits rateLimits;
    /** Each handler method's {@link Allowed} roles, read once: the annotation look-up ran on every request. */
    private final Map<Method, Role[]> allowedRoles = new ConcurrentHashMap<>();

    public AccessControl(DenialRecorder denials, RouteOfRequest routes, RateLimits rateLimits) {
        this.denials = denials;
        this.routes = routes;
        this.rateLimits = rateLimits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.getBeanType().getPackageName().startsWith("org.springdoc")) {
            return true;
        }
        Identity identity = (Identity) request.getAttribute(IDENTITY);
        if (identity == null) {
            denials.record(Optional.empty(), request.getRemoteAddr(), routes.of(request), DenialCause.NO_CREDENTIAL);
            throw Problems.exception(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Send Authorization: Bearer <token> of a configured identity.");
        }
        OptionalLong retryAfter = rateLimits.take(identity);
        if (retryAfter.isPresent()) {
            denials.record(Optional.of(identity), request.getRemoteAddr(), routes.of(request),
                    DenialCause.RATE_LIMITED);
            ErrorResponseException tooMany = Problems.exception(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                    "Too many requests", "This identity is over its rate limit; retry after the time in Retry-After.");
            tooMany.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()));
            throw tooMany;
        }
        Role[] allowed = allowedRoles.computeIfAbsent(method.getMethod(), m -> rolesOf(method));
        if (Arrays.stream(allowed).noneMatch(identity::has)) {
            denials.record(Optional.of(identity), request.getRemoteAddr(), routes.of(request),
                    DenialCause.ROLE_NOT_PERMITTED);
            throw Problems.exception(HttpStatus.FORBIDDEN, "role-not-permitted", "Not permitted",
                    "This identity's roles do not admit this operation.");
        }
        return true;
    }

    private static Role[] rolesOf(HandlerMethod method) {
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        return allowed == null ? new Role[0] : allowed.value().clone();
    }
}
