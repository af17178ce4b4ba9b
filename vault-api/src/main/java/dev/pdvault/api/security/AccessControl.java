package dev.pdvault.api.security;

import dev.pdvault.api.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Arrays;

/**
 * Admits a request to a handler only when its identity has one of the handler's {@link Allowed} roles.
 * Handlers without the annotation admit nobody.
 */
@Component
public class AccessControl implements HandlerInterceptor {

    public static final String IDENTITY = "dev.pdvault.api.security.identity";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.getBeanType().getPackageName().startsWith("org.springdoc")) {
            return true;
        }
        Identity identity = (Identity) request.getAttribute(IDENTITY);
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (identity == null) {
            throw Problems.exception(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
                    "Send Authorization: Bearer <api key>.");
        }
        if (allowed == null || Arrays.stream(allowed.value()).noneMatch(identity::has)) {
            throw Problems.exception(HttpStatus.FORBIDDEN, "role-not-permitted", "Not permitted",
                    "This identity's roles do not admit this operation.");
        }
        return true;
    }
}
