package dev.countersign.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract mapper never rounds a number and never re-spells one. */
class JsonNumbersTest {

    @Test
    void decimalsAndBigIntegersSurviveATreeRoundTripAsSent() throws Exception {
        String json = "{\"a\":100.0,\"b\":0.1234567890123456789012345,\"c\":12345678901234567890,\"d\":1.5}";
        assertThat(Json.mapper().writeValueAsString(Json.mapper().readTree(json))).isEqualTo(json);
    }

    @Test
    void untypedValuesAreReadAsBigDecimalNotDouble() throws Exception {
        Map<?, ?> map = Json.mapper().readValue("{\"amount\": 12345678901234567890.123456789}", Map.class);
        assertThat(map.get("amount")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    }
}
