package dev.pdvault.api.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.access.DetokenizeController.DetokenizeRequest;
import dev.pdvault.api.access.DetokenizeController.DetokenizeResponse;
import dev.pdvault.api.security.AccessControl;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.web.JsonRoute;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code POST /v1/detokenize} on a servlet of its own, beside Spring MVC's dispatcher: the busiest route of the
 * vault, where the dispatcher's handler look-up, argument resolution and content negotiation cost more CPU than
 * the access itself (docs/benchmarks.md). It is the same operation as {@link DetokenizeController#detokenize}, and
 * that method stays its one definition ({@link JsonRoute}: same roles, validation and problem answers). The servlet
 * filters (seal, body size, authentication, metrics) run as for every route.
 */
public final class DetokenizeServlet extends HttpServlet {

    public static final String PATH = "/v1/detokenize";
    /** Logs at DEBUG what Spring MVC's dispatcher logs for its routes; request and response print redacted. */
    private static final Logger log = LoggerFactory.getLogger(DetokenizeServlet.class);

    private final transient DetokenizeController controller;
    private final transient JsonRoute route;

    public DetokenizeServlet(DetokenizeController controller, AccessControl accessControl,
                             HandlerExceptionResolver exceptions, Validator validator, ObjectMapper json) {
        this.controller = controller;
        Method method;
        try {
            method = DetokenizeController.class.getMethod("detokenize", Identity.class, DetokenizeRequest.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("DetokenizeController.detokenize is the servlet's definition", e);
        }
        this.route = new JsonRoute(PATH, controller, method, DetokenizeResponse.class, accessControl, exceptions,
                validator, json);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        route.name(request);
        log.debug("{} \"{}\"", request.getMethod(), PATH);
        try {
            if (!HttpMethod.POST.matches(request.getMethod())) {
                throw new HttpRequestMethodNotSupportedException(request.getMethod(), List.of("POST"));
            }
            route.admit(request, response);
            DetokenizeRequest body = route.body(request);
            log.debug("Read [{}]", body);
            Identity identity = (Identity) request.getAttribute(AccessControl.IDENTITY);
            DetokenizeResponse answer = controller.detokenize(identity, body);
            log.debug("Writing [{}]", answer);
            route.answer(response, HttpServletResponse.SC_OK, answer);
        } catch (Exception failure) {
            route.fail(request, response, failure);
        }
    }
}
