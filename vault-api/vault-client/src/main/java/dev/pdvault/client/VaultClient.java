package dev.pdvault.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The vault's HTTP API for one service identity. Thread-safe; build one per identity and share it.
 *
 * <p>Errors are {@link VaultProblemException}s typed by what a caller can do ({@link AccessDeniedException},
 * {@link DataErasedException}, {@link VaultSealedException}, ...), or a {@link VaultTransportException} when no
 * answer came. Calls are repeated only as {@link RetryPolicy} says: never a call the vault may have acted on.
 */
public final class VaultClient {

    private static final TypeReference<Map<String, Object>> REGISTERED = new TypeReference<>() {
    };
    private static final TypeReference<List<Consent>> CONSENTS = new TypeReference<>() {
    };

    private final URI base;
    private final String authorization;
    private final Duration requestTimeout;
    private final int maxTokensPerRequest;
    private final ObjectMapper json;
    private final ProblemReader problems;
    private final Exchange exchange;

    private VaultClient(Builder builder) {
        String uri = builder.base.toString();
        this.base = URI.create(uri.endsWith("/") ? uri : uri + "/");
        this.authorization = "Bearer " + Objects.requireNonNull(builder.apiKey, "apiKey");
        this.requestTimeout = builder.requestTimeout;
        this.maxTokensPerRequest = builder.maxTokensPerRequest;
        this.json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.problems = new ProblemReader(json);
        HttpClient http = builder.http != null ? builder.http
                : HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
        this.exchange = new Exchange(http, builder.retryPolicy, builder.sleeper, builder.clock, problems);
    }

    public static Builder builder(URI vault) {
        return new Builder(vault);
    }

    /** Registers a data subject of a region ({@code CN}, {@code SG}, ...). Role COLLECTOR. */
    public SubjectId registerSubject(String region) {
        Map<String, Object> answer = call("POST", "v1/subjects", Map.of("region", region), false,
                json.getTypeFactory().constructType(REGISTERED));
        return new SubjectId((String) answer.get("subjectId"));
    }

    /** Seals and stores a record; the answer has one token per field. Role COLLECTOR. */
    public Collected collect(SubjectId subject, CollectRecord record) {
        Map<String, Object> body = Map.of("category", record.category(), "purpose", record.purpose(),
                "source", record.source(), "fields", record.fields());
        return call("POST", "v1/subjects/" + subject.value() + "/records", body, false, type(Collected.class));
    }

    /** The value behind one token, for a purpose; the vault records the access before it answers. */
    public String detokenize(String purpose, Token token) {
        return detokenize(purpose, List.of(token)).value(token);
    }

    /**
     * The values behind tokens, for a purpose, in the order asked (duplicates once). More tokens than
     * {@code maxTokensPerRequest} go in several requests, one after the other; each is recorded as an access. If
     * one fails, the exception says why, and the requests before it were answered and recorded.
     */
    public Detokenized detokenize(String purpose, List<Token> tokens) {
        List<Token> distinct = new ArrayList<>(new LinkedHashSet<>(tokens));
        Map<Token, String> values = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += maxTokensPerRequest) {
            List<Token> batch = distinct.subList(from, Math.min(distinct.size(), from + maxTokensPerRequest));
            DetokenizeAnswer answer = call("POST", "v1/detokenize", new DetokenizeBody(batch, purpose), false,
                    type(DetokenizeAnswer.class));
            for (Token token : batch) {
                String value = answer.values().get(token.value());
                if (value == null) {
                    throw new IllegalStateException("The vault's answer lacks a token it was asked for");
                }
                values.put(token, value);
            }
        }
        return new Detokenized(values);
    }

    /** Replaces the value behind a token; the token stays the same. Roles COLLECTOR, PRIVACY_OFFICER. */
    public void correct(Token token, String value) {
        call("PUT", "v1/tokens/" + encode(token.value()), new CorrectionBody(value), false, null);
    }

    /** Records the subject's consent to an additional purpose. */
    public ConsentGranted grantConsent(SubjectId subject, String purpose) {
        return grantConsent(subject, purpose, null);
    }

    /** Records the subject's consent to a purpose, for a sensitive category when {@code category} is not null. */
    public ConsentGranted grantConsent(SubjectId subject, String purpose, String category) {
        return call("POST", "v1/subjects/" + subject.value() + "/consents", new ConsentBody(purpose, category), false,
                type(ConsentGranted.class));
    }

    public void withdrawConsent(SubjectId subject, String purpose) {
        withdrawConsent(subject, purpose, null);
    }

    /** Withdraws a consent; every access that starts after this returns is decided without it. */
    public void withdrawConsent(SubjectId subject, String purpose, String category) {
        String path = "v1/subjects/" + subject.value() + "/consents/" + encode(purpose)
                + (category == null ? "" : "?category=" + encode(category));
        call("DELETE", path, null, false, null);
    }

    public List<Consent> consents(SubjectId subject) {
        return call("GET", "v1/subjects/" + subject.value() + "/consents", null, true,
                json.getTypeFactory().constructType(CONSENTS));
    }

    /**
     * Erases the subject (crypto-shredding). Role PRIVACY_OFFICER. The receipt may be incomplete while data is
     * retained by law or held; {@link #erasureReceipt} reads it again later.
     */
    public ErasureReceipt erase(SubjectId subject) {
        return call("DELETE", "v1/subjects/" + subject.value(), null, false, type(ErasureReceipt.class));
    }

    public ErasureReceipt erasureReceipt(SubjectId subject) {
        return call("GET", "v1/subjects/" + subject.value() + "/erasure", null, true, type(ErasureReceipt.class));
    }

    private record DetokenizeBody(List<Token> tokens, String purpose) {
    }

    private record DetokenizeAnswer(Map<String, String> values) {
        @Override
        public String toString() {
            return "DetokenizeAnswer[redacted]";
        }
    }

    private record CorrectionBody(String value) {
        @Override
        public String toString() {
            return "CorrectionBody[redacted]";
        }
    }

    private record ConsentBody(String purpose, String category) {
    }

    private JavaType type(Class<?> type) {
        return json.getTypeFactory().constructType(type);
    }

    private <T> T call(String method, String path, Object body, boolean idempotent, JavaType answer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(write(body)));
        }
        HttpResponse<String> response = exchange.send(request.build(), idempotent);
        if (response.statusCode() >= 300) {
            throw VaultProblemException.of(problems.read(response), exchange.retryAfter(response).orElse(null));
        }
        if (answer == null) {
            return null;
        }
        try {
            return json.readValue(response.body(), answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The vault's answer is not of the expected shape");
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The request cannot be written as JSON");
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Settings of a client; only the API key is required. */
    public static final class Builder {

        private final URI base;
        private String apiKey;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private int maxTokensPerRequest = 1000;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private HttpClient http;
        private Exchange.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        private Clock clock = Clock.systemUTC();

        private Builder(URI base) {
            this.base = Objects.requireNonNull(base, "vault");
        }

        /** The identity's API key, sent as {@code Authorization: Bearer}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy);
            return this;
        }

        /** The vault's {@code vault.limits.max-tokens-per-request} (default 1000): larger lists are split. */
        public Builder maxTokensPerRequest(int maxTokensPerRequest) {
            if (maxTokensPerRequest < 1) {
                throw new IllegalArgumentException("maxTokensPerRequest must be at least 1");
            }
            this.maxTokensPerRequest = maxTokensPerRequest;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            return this;
        }

        /** How long one attempt may wait for its answer; the vault's own limit for a detokenization is 2 × 5 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /**
         * An HTTP client of your own (proxy, TLS settings). Do not enable the JDK's
         * {@code jdk.httpclient.enableAllMethodRetry}: it would repeat detokenizations behind the client's back.
         */
        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http);
            return this;
        }

        Builder sleeper(Exchange.Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public VaultClient build() {
            return new VaultClient(this);
        }
    }
}
