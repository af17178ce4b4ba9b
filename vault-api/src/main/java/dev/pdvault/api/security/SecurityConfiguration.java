package dev.pdvault.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.domain.policy.Catalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one filter chain of the API ({@code /v1/**} but the OpenAPI document): a bearer credential, API key or JWT
 * ({@link BearerAuthentication}), is required; nothing else. Stateless and lean, since it runs before every
 * detokenization: no session, no CSRF token (no cookies to forge with), no request cache, no form or basic login,
 * no anonymous user, no servlet API wrapper of the request. Which identity may call which endpoint is
 * {@link AccessControl}'s decision, by {@link Allowed}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * No observation of Spring Security's own filters, authentications or authorizations. The property
     * {@code management.observations.enable.spring.security=false} only makes those observations no-ops: the chain
     * was still wrapped filter by filter in observing decorators, about 1% of a collection's CPU for nothing. The
     * request as a whole is measured ({@code http.server.requests}).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** No Spring MVC handler look-up before every request: {@link WithoutMvcIntrospection}. */
    @Bean
    static BeanFactoryPostProcessor withoutMvcIntrospection() {
        return new WithoutMvcIntrospection();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecuritySettings settings, VaultProperties properties,
                            IdentityRegistry registry, Catalogue catalogue, Clock clock, DenialRecorder denials,
                            RouteOfRequest routes, ObjectMapper json) throws Exception {
        Optional<JwtDecoder> decoder = settings.jwt().enabled()
                ? Optional.of(jwtDecoder(settings.jwt(), clock)) : Optional.empty();
        Optional<JwtIdentities> identities = decoder.map(d -> new JwtIdentities(settings.jwt(), catalogue,
                properties.region()));
        Optional<IdentityRegistry> apiKeys = settings.apiKeys().enabled() ? Optional.of(registry) : Optional.empty();
        if (decoder.isEmpty() && apiKeys.isEmpty()) {
            log.warn("Neither JWTs (vault.security.jwt.issuer) nor API keys (vault.security.api-keys.enabled) are on:"
                    + " every request to the API will be refused");
        }
        BearerAuthentication authentication = new BearerAuthentication(apiKeys, decoder, identities);
        UnauthenticatedEntryPoint entryPoint = new UnauthenticatedEntryPoint(denials, routes, json);
        http.securityMatcher(request -> {
                    String path = request.getRequestURI();
                    return path.startsWith("/v1/") && !path.equals("/v1/openapi") && !path.equals("/v1/openapi.yaml")
                            && !path.startsWith("/v1/openapi/");
                })
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.authenticationManagerResolver(request -> authentication)
                        .authenticationEntryPoint(entryPoint))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(
                        new RequestAttributeSecurityContextRepository()))
                .requestCache(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .addFilterAfter(new IdentityAttributeFilter(), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    static JwtDecoder jwtDecoder(SecuritySettings.Jwt jwt, Clock clock) {
        if (jwt.audiences().isEmpty()) {
            throw new IllegalStateException("vault.security.jwt.audiences: name at least one audience the vault accepts");
        }
        NimbusJwtDecoder decoder;
        if (jwt.jwkSetUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri().toString()).build();
        } else if (jwt.publicKeyLocation() != null) {
            try (InputStream pem = jwt.publicKeyLocation().getInputStream()) {
                RSAPublicKey key = RsaKeyConverters.x509().convert(pem);
                decoder = NimbusJwtDecoder.withPublicKey(key).build();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("vault.security.jwt.public-key-location: not a readable RSA public key"
                        + " (PEM)");
            }
        } else {
            decoder = NimbusJwtDecoder.withIssuerLocation(jwt.issuer()).build();
        }
        JwtTimestampValidator timestamps = new JwtTimestampValidator(jwt.clockSkew());
        timestamps.setClock(clock);
        List<String> audiences = List.copyOf(jwt.audiences());
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                timestamps,
                new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }
}
