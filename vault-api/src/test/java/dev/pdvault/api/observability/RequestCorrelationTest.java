package dev.pdvault.api.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which caller-supplied ids are taken over: only shapes that cannot carry personal data into the logs. */
class RequestCorrelationTest {

    private static final String GENERATED = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void takesAUuidOrHexRequestIdLowerCased() {
        assertThat(RequestCorrelation.idFor("0B7F6A52-3C1E-4D2A-9F10-5A6B7C8D9E0F", null))
                .isEqualTo("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f");
        assertThat(RequestCorrelation.idFor("a3ce929d0e0e4736", null)).isEqualTo("a3ce929d0e0e4736");
    }

    @Test
    void takesTheTraceIdOfAWellFormedTraceparentWhenThereIsNoUsableRequestId() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(RequestCorrelation.idFor(null, traceparent)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(RequestCorrelation.idFor("Li Na", traceparent)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void generatesAnIdForAnythingElse() {
        assertThat(RequestCorrelation.idFor(null, null)).matches(GENERATED);
        assertThat(RequestCorrelation.idFor("Li Na 13800000000", null)).matches(GENERATED);
        assertThat(RequestCorrelation.idFor("abc", null)).matches(GENERATED);
        assertThat(RequestCorrelation.idFor("f".repeat(65), null)).matches(GENERATED);
        assertThat(RequestCorrelation.idFor(null, "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01"))
                .matches(GENERATED);
        assertThat(RequestCorrelation.idFor(null, "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .matches(GENERATED);
        assertThat(RequestCorrelation.idFor(null, "zhang.san@example.com")).matches(GENERATED);
    }
}
