package dev.pdvault.api.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.MethodParameter;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.ClassUtils;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.ServletRequestDataBinderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fuzzes the request bodies: every {@code @RequestBody} parameter of every controller is read from the same bytes
 * the way Spring MVC reads it in the vault (the Jackson settings of application.yml, bean validation of
 * {@code @Valid}), and a refusal is answered by the vault's {@link ProblemHandler}. Only the documented problems
 * may come back, and none quotes the body: the seeds plant a name and a phone number in every field that carries
 * personal data. Under plain {@code mvn verify} the method replays its inputs in
 * {@code src/test/resources/dev/pdvault/api/web/RequestBodyFuzzTestInputs/<method>/}; with {@code JAZZER_FUZZ=1}
 * it fuzzes (docs/operations.md, "Fuzzing").
 */
class RequestBodyFuzzTest {

    static final String[] PLANTED = {"Wang Fang", "13912345678"};
    private static final Set<String> FIXED_DETAILS = Set.of(
            "The body is not JSON of the expected shape.",
            "The body has a property this operation does not accept.");
    private static final Set<String> BODIES_WITH_PERSONAL_DATA =
            Set.of("CollectRequest", "CorrectRequest", "PasswordRequest", "RegisterRequest", "GrantRequest");
    private static final String INVALID_PREFIX = "Missing or invalid properties: ";
    private static final Pattern PROPERTY_PATH = Pattern.compile("[A-Za-z]+(\\[\\d+])?(\\.[A-Za-z]+(\\[\\d+])?)*");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = vaultObjectMapper();
    private static final List<MethodParameter> BODIES = requestBodiesOfEveryController();
    private static final RequestResponseBodyMethodProcessor READER =
            new RequestResponseBodyMethodProcessor(List.of(new MappingJackson2HttpMessageConverter(JSON)));
    private static final ServletRequestDataBinderFactory BINDERS = bindersValidatingWithBeanValidation();
    private static final ProblemHandler PROBLEMS = new ProblemHandler();

    @FuzzTest(maxDuration = "3m")
    void everyRequestBodyIsReadOrRefusedWithADocumentedProblemThatQuotesNothingOfIt(FuzzedDataProvider data) {
        byte[] body = data.consumeRemainingAsBytes();
        assertThat(BODIES).extracting(p -> p.getParameterType().getSimpleName())
                .containsAll(BODIES_WITH_PERSONAL_DATA).contains("DetokenizeRequest");

        for (MethodParameter parameter : BODIES) {
            assertTimeoutPreemptively(DEADLINE, () -> readOrRefuse(parameter, body));
        }
    }

    private static void readOrRefuse(MethodParameter parameter, byte[] body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/fuzzed");
        request.setContentType(MediaType.APPLICATION_JSON_VALUE);
        request.setContent(body);
        ServletWebRequest web = new ServletWebRequest(request, new MockHttpServletResponse());
        Object read;
        try {
            read = READER.resolveArgument(parameter, new ModelAndViewContainer(), web, BINDERS);
        } catch (Exception refused) {
            ResponseEntity<Object> answer = PROBLEMS.handleException(refused, web);
            assertDocumentedProblem(parameter, answer);
            return;
        }
        if (read != null && BODIES_WITH_PERSONAL_DATA.contains(read.getClass().getSimpleName())) {
            assertThat(read.toString()).as("redacted toString of " + read.getClass().getSimpleName())
                    .doesNotContain(PLANTED);
        }
    }

    private static void assertDocumentedProblem(MethodParameter parameter, ResponseEntity<Object> answer)
            throws IOException {
        assertThat(answer).as("a refusal the ProblemHandler does not answer").isNotNull();
        assertThat(answer.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem).isNotNull();
        assertThat(problem.getType().toString()).isIn(Problems.BASE + "malformed-body",
                Problems.BASE + "unknown-property", Problems.BASE + "invalid-request");
        assertThat(JSON.writeValueAsString(problem)).doesNotContain(PLANTED);
        String detail = problem.getDetail();
        if (detail.startsWith(INVALID_PREFIX)) {
            Set<String> components = Arrays.stream(parameter.getParameterType().getRecordComponents())
                    .map(RecordComponent::getName).collect(Collectors.toSet());
            for (String path : detail.substring(INVALID_PREFIX.length()).split(", ")) {
                assertThat(path).matches(PROPERTY_PATH);
                assertThat(components).contains(path.split("[.\\[]")[0]);
            }
        } else {
            assertThat(detail).isIn(FIXED_DETAILS);
        }
    }

    /** The vault's ObjectMapper: Spring Boot's Jackson auto-configuration with the application's settings. */
    private static ObjectMapper vaultObjectMapper() {
        var yaml = loadApplicationYaml();
        ObjectMapper[] mapper = new ObjectMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withInitializer(context -> yaml.forEach(context.getEnvironment().getPropertySources()::addLast))
                .run(context -> mapper[0] = context.getBean(ObjectMapper.class));
        return mapper[0];
    }

    private static List<org.springframework.core.env.PropertySource<?>> loadApplicationYaml() {
        try {
            return new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServletRequestDataBinderFactory bindersValidatingWithBeanValidation() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setValidator(validator);
        return new ServletRequestDataBinderFactory(null, initializer);
    }

    private static List<MethodParameter> requestBodiesOfEveryController() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<MethodParameter> bodies = new ArrayList<>();
        for (BeanDefinition controller : scanner.findCandidateComponents("dev.pdvault.api")) {
            Class<?> type = ClassUtils.resolveClassName(controller.getBeanClassName(), null);
            for (Method method : type.getDeclaredMethods()) {
                for (int i = 0; i < method.getParameterCount(); i++) {
                    MethodParameter parameter = new MethodParameter(method, i);
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        bodies.add(parameter);
                    }
                }
            }
        }
        return List.copyOf(bodies);
    }
}
