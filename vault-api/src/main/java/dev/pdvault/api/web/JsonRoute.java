package dev.pdvault.api.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.pdvault.api.security.AccessControl;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
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
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One controller method with a JSON body and a JSON answer, served outside Spring MVC's dispatcher for the vault's
 * busiest routes ({@code DetokenizeServlet}, {@code CollectRoute}): there the dispatcher's handler look-up over
 * every mapping, its argument resolution and its content negotiation took a measurable share of the request's CPU,
 * and the shorter path is compiled sooner after start (docs/performance.md). The controller method stays the route's
 * one definition: its {@code @Allowed} roles are checked by the same {@link AccessControl}, its {@code @RequestBody}
 * is read by the application's {@link ObjectMapper} and validated by the same constraints, and every failure is
 * rendered by the same exception resolvers (problem details), so the answers are the dispatcher's. An
 * {@code Accept} header that excludes JSON is refused (406) before the operation runs, as
 * {@link AnswerableBeforeChange} does for the dispatcher's routes; nothing but the method's own parameters is
 * resolved.
 */
public final class JsonRoute {

    private static final Set<MediaType> JSON = Set.of(MediaType.APPLICATION_JSON);

    private final String pattern;
    private final HandlerMethod handler;
    private final MethodParameter bodyParameter;
    private final String bodyName;
    private final AccessControl accessControl;
    private final HandlerExceptionResolver exceptions;
    private final SpringValidatorAdapter validator;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    /**
     * @param pattern    the route's pattern as Spring MVC names it ({@code /v1/subjects/{subjectId}/records}): the
     *                   {@code uri} of its metrics and the route of its denials
     * @param controller the controller bean
     * @param method     the controller's handler method, with one {@code @RequestBody} parameter
     * @param answerType the type of the answer's body
     */
    public JsonRoute(String pattern, Object controller, Method method, Class<?> answerType,
                     AccessControl accessControl, HandlerExceptionResolver exceptions, Validator validator,
                     ObjectMapper json) {
        this.pattern = pattern;
        this.handler = new HandlerMethod(controller, method);
        this.bodyParameter = Arrays.stream(handler.getMethodParameters())
                .filter(parameter -> parameter.hasParameterAnnotation(RequestBody.class)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(method + " has no @RequestBody parameter"));
        Class<?> bodyType = bodyParameter.getParameterType();
        this.bodyName = Character.toLowerCase(bodyType.getSimpleName().charAt(0))
                + bodyType.getSimpleName().substring(1);
        this.accessControl = accessControl;
        this.exceptions = exceptions;
        this.validator = new SpringValidatorAdapter(validator);
        this.reader = json.readerFor(bodyType);
        this.writer = json.writerFor(answerType);
    }

    /** The handler method, as the exception resolvers and the access control see it. */
    public HandlerMethod handler() {
        return handler;
    }

    /** Names the request's route, as the dispatcher's look-up would: the {@code uri} of its metrics, its denials' route. */
    public void name(HttpServletRequest request) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setPathPattern(pattern));
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
    }

    /**
     * Admits the request: checks the caller's roles and rate limit, and that the body is JSON and a JSON answer is
     * acceptable. Throws what the dispatcher would have thrown.
     */
    public void admit(HttpServletRequest request, HttpServletResponse response) throws Exception {
        accessControl.preHandle(request, response, handler);
        requireJsonBody(request);
        requireJsonAnswer(request);
    }

    /** The request's body, read and validated as the dispatcher's {@code @Valid @RequestBody} argument would be. */
    public <T> T body(HttpServletRequest request) throws IOException, MethodArgumentNotValidException {
        T body = read(request);
        BeanPropertyBindingResult errors = new BeanPropertyBindingResult(body, bodyName);
        validator.validate(body, errors);
        if (errors.hasErrors()) {
            throw new MethodArgumentNotValidException(bodyParameter, errors);
        }
        return body;
    }

    /** Writes the answer as the dispatcher's JSON converter would. */
    public void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        writer.writeValue(response.getOutputStream(), body);
    }

    /**
     * Renders a failure through the application's exception resolvers, as the dispatcher does; what they do not
     * resolve (or what fails after the answer has begun) goes to the container as a {@link ServletException}.
     */
    public void fail(HttpServletRequest request, HttpServletResponse response, Exception failure)
            throws ServletException {
        if (response.isCommitted() || exceptions.resolveException(request, response, handler, failure) == null) {
            throw new ServletException("Request to " + pattern + " failed", failure);
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

    /** Refuses (406) a request whose {@code Accept} header names no type a JSON answer satisfies. */
    public static void requireJsonAnswer(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
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

    private <T> T read(HttpServletRequest request) throws IOException {
        ServletServerHttpRequest input = new ServletServerHttpRequest(request);
        T body;
        try {
            Charset charset = declaredCharset(request);
            // As Spring MVC's Jackson converter: bytes to Jackson when it can decode the charset itself (UTF-8, -16,
            // -32, US-ASCII, or none declared: detected), characters decoded by the JDK otherwise.
            body = charset == null || jacksonDecodes(charset) ? reader.readValue(request.getInputStream())
                    : reader.readValue(new InputStreamReader(request.getInputStream(), charset));
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

    private static Charset declaredCharset(HttpServletRequest request) {
        String header = request.getContentType();
        if (header == null) {
            return null;
        }
        try {
            return MediaType.parseMediaType(header).getCharset();
        } catch (IllegalArgumentException e) {
            return null; // an unknown charset: Jackson detects the encoding from the bytes
        }
    }

    private static boolean jacksonDecodes(Charset charset) {
        String name = charset.name();
        return "US-ASCII".equals(name)
                || Arrays.stream(JsonEncoding.values()).anyMatch(encoding -> encoding.getJavaName().equals(name));
    }
}
