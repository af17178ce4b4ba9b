package dev.pdvault.api.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.security.AccessControl;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Serves {@link DetokenizeServlet#PATH} with {@link DetokenizeServlet}: an exact mapping wins over the dispatcher's. */
@Configuration(proxyBeanMethods = false)
class DetokenizeRoute {

    @Bean
    ServletRegistrationBean<DetokenizeServlet> detokenizeServlet(
            DetokenizeController controller, AccessControl accessControl,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver exceptions, Validator validator,
            ObjectMapper json) {
        ServletRegistrationBean<DetokenizeServlet> registration = new ServletRegistrationBean<>(
                new DetokenizeServlet(controller, accessControl, exceptions, validator, json), DetokenizeServlet.PATH);
        registration.setName("detokenize");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
