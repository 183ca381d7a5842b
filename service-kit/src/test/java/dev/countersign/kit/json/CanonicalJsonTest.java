package dev.countersign.kit.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    private static JsonNode parse(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    private static String canonical(String json) throws Exception {
        return CanonicalJson.of(parse(json));
    }

    @Test
    void sortsMembersByUtf16CodeUnitsAsRfc8785Section323() throws Exception {
        String input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        assertThat(canonical(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void escapesStringsAsRfc8785Section3222() throws Exception {
        assertThat(canonical("{\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}"))
                .isEqualTo("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void writesDoubleExactNumbersInTheirEcmaScriptForm() throws Exception {
        assertThat(canonical("[0, -0, 1.0, 1e0, 10.50, 1e21, 1e-7, 0.1, -1.5e-3, 333333333.3333333, 9007199254740992]"))
                .isEqualTo("[0,0,1,1,10.5,1e+21,1e-7,0.1,-0.0015,333333333.3333333,9007199254740992]");
    }

    @Test
    void keepsNumbersADoubleCannotHoldExactly() throws Exception {
        String big = "1" + "0".repeat(308) + "7";
        assertThat(canonical("{\"a\":12345678901234567890,\"b\":0.1234567890123456789012345,\"c\":" + big
                + ",\"d\":1e400,\"e\":-9007199254740993,\"f\":333333333.33333329}"))
                .isEqualTo("{\"a\":12345678901234567890,\"b\":0.1234567890123456789012345,\"c\":" + big
                        + ",\"d\":1e+400,\"e\":-9007199254740993,\"f\":333333333.33333329}");
    }

    @Test
    void differentAmountsNeverShareAHash() throws Exception {
        assertThat(CanonicalJson.sha256(parse("{\"amount\":12345678901234567890}")))
                .isNotEqualTo(CanonicalJson.sha256(parse("{\"amount\":12345678901234567891}")));
        assertThat(CanonicalJson.sha256(parse("{\"b\":1,\"a\":[1.0,\"x\"]}")))
                .isEqualTo(CanonicalJson.sha256(parse("{ \"a\" : [1, \"x\"], \"b\" : 1e0 }")))
                .hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void refusesNonJsonNumbers() {
        assertThatThrownBy(() -> CanonicalJson.of(DoubleNode.valueOf(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullAndMissingAreJsonNull() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putNull("x");
        assertThat(CanonicalJson.of(node)).isEqualTo("{\"x\":null}");
        assertThat(CanonicalJson.of(null)).isEqualTo("null");
    }

    /** Against the reference implementation: identical output wherever RFC 8785 applies (double-exact numbers). */
    @Property(tries = 300)
    void agreesWithTheRfc8785ReferenceImplementation(@ForAll("documents") Map<String, Object> document)
            throws Exception {
        String text = Json.mapper().writeValueAsString(document);
        assertThat(CanonicalJson.of(Json.mapper().readTree(text)))
                .isEqualTo(new JsonCanonicalizer(text).getEncodedString());
    }

    @Property(tries = 500)
    void everyFiniteDoubleIsWrittenAsEcmaScriptDoes(@ForAll double d) throws Exception {
        assertThat(CanonicalJson.number(DoubleNode.valueOf(d))).isEqualTo(org.erdtman.jcs.NumberToJSON.serializeNumber(d));
    }

    @Provide
    Arbitrary<Map<String, Object>> documents() {
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
        return Arbitraries.maps(Arbitraries.strings().ofMinLength(1).ofMaxLength(8), Arbitraries.oneOf(scalars, lists))
                .ofMaxSize(6);
    }
}
