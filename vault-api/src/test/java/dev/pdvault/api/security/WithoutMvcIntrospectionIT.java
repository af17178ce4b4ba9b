package dev.pdvault.api.security;

import dev.pdvault.api.VaultIntegrationTest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security filter chain runs without Spring MVC's per-request handler look-up ({@link WithoutMvcIntrospection}):
 * what reaches the rest of the chain carries no cached look-up result, and requests are still authenticated.
 */
class WithoutMvcIntrospectionIT extends VaultIntegrationTest {

    @Autowired
    @Qualifier(WithoutMvcIntrospection.FILTER_CHAIN)
    Filter securityChain;

    @Test
    void noRequestThroughTheSecurityChainHasItsMvcHandlerLookedUp() throws Exception {
        List<String> attributesSeen = new ArrayList<>();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        securityChain.doFilter(request, new MockHttpServletResponse(),
                (req, res) -> attributesSeen.addAll(Collections.list(req.getAttributeNames())));

        assertThat(attributesSeen).as("the chain passed the request on").isNotEmpty();
        assertThat(attributesSeen).noneMatch(name -> name.contains("HandlerMappingIntrospector"));
    }

    @Test
    void theApiStillRefusesARequestWithoutCredentialsAndServesOneWithThem() {
        String subject = register("EU");
        Response anonymous = call("GET", "/v1/subjects/" + subject + "/history", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.type()).endsWith("/unauthenticated");
        assertThat(call("GET", "/v1/subjects/" + subject + "/history", AUDITOR, null).status()).isEqualTo(200);
    }
}
