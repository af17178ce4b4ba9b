package dev.pdvault.api.web;

import dev.pdvault.api.security.AccessControl;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    private final AccessControl accessControl;

    public WebConfiguration(AccessControl accessControl) {
        this.accessControl = accessControl;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(accessControl).addPathPatterns("/v1/**");
        registry.addInterceptor(new AnswerableBeforeChange()).addPathPatterns("/v1/**");
    }
}
