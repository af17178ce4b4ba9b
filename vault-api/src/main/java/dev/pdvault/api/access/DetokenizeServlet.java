package dev.pdvault.api.access;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pdvault.api.access.DetokenizeController.DetokenizeRequest;
import dev.pdvault.api.access.DetokenizeController.DetokenizeResponse;
import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Identity;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /v1/detokenize} on a servlet of its own, beside Spring MVC's dispatcher: the busiest route of the
 * vault, where the dispatcher's handler look-up, argument resolution and content negotiation cost more CPU than
 * the access itself (docs/benchmarks.md). It is the same operation as {@link DetokenizeController#detokenize}, and
 * that method stays its one definition: its {@code @Allowed} roles are checked by the same {@link AccessControl},
 * its body is validated by the same constraints, it is what the servlet calls, and every failure is rendered by the
 * same exception resolvers (problem details), so the answers cannot differ from the dispatcher's. The servlet
 * filters (seal, body size, authentication, metrics) run as for every route.
 */
public final class DetokenizeServlet extends HttpServlet {

    public static final String PATH = "/v1/detokenize";
    /** Logs at DEBUG what Spring MVC's dispatcher logs for its routes; request and response print redacted. */
    private static final Logger log = LoggerFactory.getLogger(DetokenizeServlet.class);
    private static final Set<MediaType> JSON = Set.of(MediaType.APPLICATION_JSON);

    private final transient DetokenizeController controller;
    private final transient HandlerMethod handler;
    private final transient MethodParameter bodyParameter;
    private final transient AccessControl accessControl;
    private final transient HandlerExceptionResolver exceptions;
    private final transient SpringValidatorAdapter validator;
    private final transient ObjectReader reader;
    private final transient ObjectWriter writer;

    public DetokenizeServlet(DetokenizeController controller, AccessControl accessControl,
                             HandlerExceptionResolver exceptions, Validator validator, ObjectMapper json) {
        this.controller = controller;
        Method method;
        try {
            method = DetokenizeController.class.getMethod("detokenize", Identity.class, DetokenizeRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("DetokenizeController.detokenize is the servlet's definition", e);
        }
        this.handler = new HandlerMethod(controller, method);
        this.bodyParameter = handler.getMethodParameters()[1];
        this.accessControl = accessControl;
        this.exceptions = exceptions;
        this.validator = new SpringValidatorAdapter(validator);
        this.reader = json.readerFor(DetokenizeRequest.class);
        this.writer = json.writerFor(DetokenizeResponse.class);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(PATH));
        log.debug("{} \"{}\"", request.getMethod(), PATH);
        try {
            if (!HttpMethod.POST.matches(request.getMethod())) {
                throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
            }
            accessControl.preHandle(request, response, handler);
            requireJsonBody(request);
            requireJsonAnswer(request);
            DetokenizeRequest body = read(request);
            log.debug("Read [{}]", body);
            validate(body);
            Identity identity = (Identity) request.getAttribute(AccessControl.IDENTITY);
            DetokenizeResponse answer = controller.detokenize(identity, body);
            log.debug("Writing [{}]", answer);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            writer.writeValue(response.getOutputStream(), answer);
        } catch (Exception failure) {
            if (response.isCommitted() || exceptions.resolveException(request, response, handler, failure) == null) {
                throw new ServletException("Detokenization failed", failure);
            }
        }
    }

    private static void requireJsonBody(HttpServletRequest request) throws HttpMediaTypeNotSupportedException {
        String header = request.getContentType();
        if (header == null && request.getContentLengthLong() <= 0) {
            return; // no body at all: answered as a missing body, as Spring MVC does
        }
        MediaType type;
        try {
            type = header == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(header);
        } catch (InvalidMimeTypeException e) {
            throw new HttpMediaTypeNotSupportedException("Invalid content type");
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) && !"json".equals(type.getSubtypeSuffix())) {
            throw new HttpMediaTypeNotSupportedException(type, List.copyOf(JSON), HttpMethod.POST);
        }
    }

    private static void requireJsonAnswer(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        String header = request.getHeader("Accept");
        if (header == null || header.isBlank()) {
            return;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(header);
        } catch (InvalidMimeTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("Invalid Accept header");
        }
        if (accepted.stream().noneMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON))) {
            throw new HttpMediaTypeNotAcceptableException(List.copyOf(JSON));
        }
    }

    private DetokenizeRequest read(HttpServletRequest request) throws IOException {
        ServletServerHttpRequest input = new ServletServerHttpRequest(request);
        DetokenizeRequest body;
        try {
            body = reader.readValue(request.getInputStream());
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("Malformed body", e, input);
        } catch (IOException e) {
            // as Spring MVC's converters do: a body that could not be read (too large, cut off) is not readable
            throw new HttpMessageNotReadableException("I/O error while reading the body", e, input);
        }
        if (body == null) {
            throw new HttpMessageNotReadableException("Required request body is missing", input);
        }
        return body;
    }

    private void validate(DetokenizeRequest body) throws MethodArgumentNotValidException {
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(body, "detokenizeRequest");
        validator.validate(body, errors);
        if (errors.hasErrors()) {
            throw new MethodArgumentNotValidException(bodyParameter, errors);
        }
    }
}
