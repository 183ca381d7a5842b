package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import org.junit.jupiter.api.Test;

/** NUL characters leave every string and field name of a receiver's answer; nothing else changes. */
class JsonSanitizerTest {

    static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void removesNulFromStringsAndFieldNamesAtAnyDepth() throws Exception {
        JsonNode dirty = json("{\"m\\u0000sg\": \"a\\u0000b\\u0000\", \"list\": [\"\\u0000\", {\"k\": \"x\\u0000\"}, 3],"
                + " \"n\": 1.5, \"t\": true, \"z\": null}");

        JsonNode clean = JsonSanitizer.strip(dirty);

        assertThat(clean.toString()).doesNotContain("\\u0000");
        assertThat(clean.path("msg").asText()).isEqualTo("ab");
        assertThat(clean.has("m\u0000sg")).isFalse();
        assertThat(clean.path("list").get(0).asText()).isEmpty();
        assertThat(clean.path("list").get(1).path("k").asText()).isEqualTo("x");
        assertThat(clean.path("list").get(2).asInt()).isEqualTo(3);
        assertThat(clean.path("n").asDouble()).isEqualTo(1.5);
        assertThat(clean.path("t").asBoolean()).isTrue();
        assertThat(clean.get("z").isNull()).isTrue();
        assertThat(dirty.path("list").get(1).path("k").asText()).as("the input is not modified").isEqualTo("x\u0000");
    }

    @Test
    void cleanInputIsReturnedAsIs() throws Exception {
        JsonNode clean = json("{\"message\": \"Order ORD-1 ships \\u00e9\\t\", \"data\": [1, {\"a\": \"b\"}]}");
        assertThat(JsonSanitizer.strip(clean)).isSameAs(clean);
        assertThat(JsonSanitizer.strip((JsonNode) null)).isNull();
        assertThat(JsonSanitizer.strip("plain")).isEqualTo("plain");
        assertThat(JsonSanitizer.strip((String) null)).isNull();
        assertThat(JsonSanitizer.strip("\u0000a\u0000")).isEqualTo("a");
    }

    @Test
    void namesThatBecomeEqualKeepTheLastValue() throws Exception {
        JsonNode clean = JsonSanitizer.strip(json("{\"k\": 1, \"k\\u0000\": 2}"));
        assertThat(clean.size()).isEqualTo(1);
        assertThat(clean.path("k").asInt()).isEqualTo(2);
    }
}
