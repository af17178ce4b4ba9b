package dev.pdvault.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refuses (406) a request that would change something and whose {@code Accept} header excludes the JSON answer,
 * before its handler runs. Spring MVC negotiates the answer's type only when it writes the answer, after the
 * handler: such a request was carried out (a subject registered, a consent recorded) and its answer lost.
 * Reads ({@code GET}, {@code HEAD}) are left to the dispatcher, which is harmless for them and lets the report
 * routes answer CSV; so are handlers that answer no body.
 */
public final class AnswerableBeforeChange implements HandlerInterceptor {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Map<Method, Boolean> answersWithBody = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (handler instanceof HandlerMethod method && CHANGES.contains(request.getMethod())
                && answersWithBody.computeIfAbsent(method.getMethod(), m -> hasBody(method.getReturnType()))) {
            JsonRoute.requireJsonAnswer(request);
        }
        return true;
    }

    static boolean hasBody(MethodParameter returnType) {
        Class<?> type = returnType.getParameterType();
        if (type == void.class || type == Void.class) {
            return false;
        }
        if (ResponseEntity.class.isAssignableFrom(type)) {
            Class<?> body = ResolvableType.forMethodParameter(returnType).getGeneric(0).resolve(Object.class);
            return body != Void.class;
        }
        return true;
    }
}
