package dev.pdvault.api.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code /console} and {@code /console/} both open the console's page. */
@Configuration(proxyBeanMethods = false)
public class ConsoleRoutes implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController(ConsoleSecurityHeaders.PATH, ConsoleSecurityHeaders.PATH + "/");
        registry.addViewController(ConsoleSecurityHeaders.PATH + "/")
                .setViewName("forward:" + ConsoleSecurityHeaders.PATH + "/index.html");
    }
}
