package dev.pdvault.api.observability;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Puts the request's correlation id into every problem document, so a caller can quote it to operators. */
@ControllerAdvice
public class ProblemCorrelation implements ResponseBodyAdvice<Object> {

    public static final String PROPERTY = "requestId";

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            tag(problem);
        }
        return body;
    }

    /** Adds the current correlation id, if any, to the problem. */
    public static ProblemDetail tag(ProblemDetail problem) {
        RequestCorrelation.current().ifPresent(id -> problem.setProperty(PROPERTY, id));
        return problem;
    }
}
