package dev.pdvault.api.security;

import dev.pdvault.domain.security.api.Route;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The mapped route of a request ({@code /v1/subjects/{subjectId}}), found the way Spring MVC will find it, so a
 * denial names the endpoint and never the path the caller typed.
 */
@Component
public class RouteOfRequest {

    private final ObjectProvider<HandlerMapping> mapping;

    public RouteOfRequest(@Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> mapping) {
        this.mapping = mapping;
    }

    public Route of(HttpServletRequest request) {
        String method = request.getMethod();
        if (method == null || method.isEmpty() || method.length() > 10
                || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            method = "OTHER";
        }
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            try {
                HandlerMapping handlers = mapping.getIfAvailable();
                if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                    ServletRequestPathUtils.parseAndCache(request);
                }
                if (handlers != null && handlers.getHandler(request) != null) {
                    pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                }
            } catch (Exception e) {
                pattern = null;
            }
        }
        try {
            return pattern == null ? Route.unmapped(method) : new Route(method, pattern.toString());
        } catch (RuntimeException e) {
            return Route.unmapped(method);
        }
    }
}
