package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.InvalidIdException;

/**
 * An endpoint as the API maps it: the HTTP method and the path pattern with its variables unfilled
 * ({@code /v1/subjects/{subjectId}}), or {@link #UNMAPPED} for a path the API does not have. Never the requested
 * path itself: that may carry anything a caller typed.
 */
public record Route(String method, String pattern) {

    public static final String UNMAPPED = "unmapped";

    public Route {
        if (method == null || method.isEmpty() || method.length() > 10
                || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            throw new InvalidIdException("route method");
        }
        if (pattern == null || pattern.isEmpty() || pattern.length() > 200
                || !(pattern.equals(UNMAPPED) || pattern.startsWith("/") && pattern.chars().allMatch(Route::patternChar))) {
            throw new InvalidIdException("route pattern");
        }
    }

    private static boolean patternChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "/{}_.-*:".indexOf(c) >= 0;
    }

    public static Route unmapped(String method) {
        return new Route(method, UNMAPPED);
    }
}
