package dev.pdvault.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Says loudly, at every start, that the development identities (whose API keys are public) are active. */
@Component
public class DevelopmentProfileWarning {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentProfileWarning.class);
    private final Environment environment;

    public DevelopmentProfileWarning(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warn() {
        if (environment.acceptsProfiles(Profiles.of("dev"))) {
            String banner = "*".repeat(100);
            log.warn("\n{}\n*** DEVELOPMENT PROFILE: identities with PUBLIC API keys (README.md) are active.\n"
                    + "*** Never hold real personal data like this: run with SPRING_PROFILES_ACTIVE=prod and an issuer"
                    + " of tokens (vault.security.jwt.*).\n{}", banner, banner);
        }
    }
}
