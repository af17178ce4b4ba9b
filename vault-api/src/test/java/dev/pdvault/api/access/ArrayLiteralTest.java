package dev.pdvault.api.access;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrayLiteralTest {

    @Test
    void quotesEachValueInOrder() {
        assertThat(ArrayLiteral.of(List.of("tok_0123456789abcdefghjkmnpqrs", "0f8e2a36-6f0b-4c4e-9d0a-1b2c3d4e5f60",
                "order.email_v2", "null")))
                .isEqualTo("{\"tok_0123456789abcdefghjkmnpqrs\",\"0f8e2a36-6f0b-4c4e-9d0a-1b2c3d4e5f60\","
                        + "\"order.email_v2\",\"null\"}");
        assertThat(ArrayLiteral.of(List.of())).isEqualTo("{}");
        assertThat(ArrayLiteral.of(List.of(""))).isEqualTo("{\"\"}");
    }

    @Test
    void refusesAnythingThatWouldNeedEscapingOrCouldEndTheArray() {
        for (String bad : List.of("a\"b", "a,b", "a}b", "a{b", "a b", "a\\b", "é")) {
            assertThatThrownBy(() -> ArrayLiteral.of(List.of("ok", bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad);
        }
        assertThatThrownBy(() -> ArrayLiteral.of(Arrays.asList("ok", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
