package dev.countersign.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.json.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The hashed form: the kit's canonical JSON over generated JSON objects (equal to an independent RFC 8785
 * implementation for every double-exact number, exact for the rest), and the hash's inputs.
 */
class ChainHashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<String> keys = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz_AZ\u00e9\u20ac\u0080").ofMinLength(1)
                .ofMaxLength(8);
        Arbitrary<Object> scalars = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b));
        Arbitrary<Object> nested = Arbitraries.maps(keys, scalars).ofMaxSize(4).map(m -> (Object) m);
        Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
        return Arbitraries.maps(keys, Arbitraries.oneOf(scalars, nested, lists)).ofMaxSize(8);
    }

    @Property
    void canonicalTextDoesNotDependOnKeyOrder(@ForAll("objects") Map<String, Object> object, @ForAll long seed) {
        ObjectNode inOrder = JSON.valueToTree(object);
        ObjectNode shuffled = shuffle(inOrder, new Random(seed));

        assertThat(CanonicalJson.of(shuffled)).isEqualTo(CanonicalJson.of(inOrder));
        assertThat(ChainHash.entry(7, "id", "t", "s", null, "acme", "a", null, "2026-01-01T00:00:00Z", shuffled))
                .isEqualTo(ChainHash.entry(7, "id", "t", "s", null, "acme", "a", null, "2026-01-01T00:00:00Z",
                        inOrder));
    }

    @Property
    void canonicalTextIsStableUnderReparsing(@ForAll("objects") Map<String, Object> object) {
        // what verify relies on: the stored canonical data, parsed and canonicalized again, is unchanged
        String once = CanonicalJson.of(JSON.valueToTree(object));
        assertThat(CanonicalJson.of(parse(once))).isEqualTo(once);
    }

    @Property
    void forDoubleExactNumbersTheFormIsExactlyRfc8785(@ForAll("objects") Map<String, Object> object) throws Exception {
        // what lets rows written before the lossless form still verify: an independent RFC 8785 implementation
        // (erdtman's, which reads every number as a double) agrees wherever a double holds the number
        JsonNode data = JSON.valueToTree(object);
        assertThat(CanonicalJson.of(data)).isEqualTo(new JsonCanonicalizer(JSON.writeValueAsString(data))
                .getEncodedString());
    }

    @Example
    void numbersADoubleCannotHoldAreHashedExactly() throws Exception {
        String digits309 = "9".repeat(309);
        JsonNode data = Json.mapper().readTree("{\"big\": 12345678901234567890, \"long\": 0.1234567890123456789012345, "
                + "\"huge\": " + digits309 + ", \"tiny\": 1e-400}");
        String canonical = CanonicalJson.of(data);
        assertThat(canonical).isEqualTo("{\"big\":12345678901234567890,\"huge\":" + digits309
                + ",\"long\":0.1234567890123456789012345,\"tiny\":1e-400}");
        // a neighbour a double cannot tell apart hashes differently
        JsonNode neighbour = Json.mapper().readTree("{\"big\": 12345678901234567891, \"long\": 0.1234567890123456789012345, "
                + "\"huge\": " + digits309 + ", \"tiny\": 1e-400}");
        assertThat(new BigDecimal("12345678901234567890").doubleValue())
                .isEqualTo(new BigDecimal("12345678901234567891").doubleValue());
        assertThat(entryHash(neighbour)).isNotEqualTo(entryHash(data));
        // stable through the stored text read back
        assertThat(entryHash(parse(canonical))).isEqualTo(entryHash(data));
        assertThat(parse(canonical).get("big").bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
    }

    @Property
    void everyHashedMemberChangesTheHash(@ForAll("objects") Map<String, Object> object) {
        JsonNode data = JSON.valueToTree(object);
        String base = ChainHash.hash(ChainHash.GENESIS,
                ChainHash.entry(1, "e", "t", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data));
        List<String> variants = List.of(
                ChainHash.entry(2, "e", "t", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e2", "t", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t2", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s2", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s", null, "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s", "sub", "globex", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s", "sub", "acme", "b", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s", "sub", "acme", "a", null, "2026-01-01T00:00:01Z", data),
                ChainHash.entry(1, "e", "t", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:02Z", data),
                ChainHash.entry(1, "e", "t", "s", "sub", "acme", "a", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z",
                        ((ObjectNode) data.deepCopy()).put("~extra", 1)));
        for (String variant : variants) {
            assertThat(ChainHash.hash(ChainHash.GENESIS, variant)).isNotEqualTo(base);
        }
        assertThat(ChainHash.hash("f".repeat(64), variants.get(0))).isNotEqualTo(ChainHash.hash(ChainHash.GENESIS,
                variants.get(0)));
    }

    @Example
    void rfc8785OrdersKeysByUtf16AndWritesNumbersTheEcmaScriptWay() {
        ObjectNode node = JSON.createObjectNode();
        node.put("€", 1).put("b", 1.0).put("a", 1e21).put("\u0080", "x").put("1", 0.000001);
        assertThat(CanonicalJson.of(node)).isEqualTo("{\"1\":0.000001,\"a\":1e+21,\"b\":1,\"\u0080\":\"x\",\"€\":1}");
    }

    @Example
    void entriesAlwaysCarryAllTenMembersWithNullsForAbsentOnes() {
        String text = ChainHash.entry(1, "e", "t", "s", null, null, "a", null, "2026-01-01T00:00:00Z",
                JSON.createObjectNode());
        assertThat(text).isEqualTo("{\"actor\":\"a\",\"data\":{},\"event_id\":\"e\",\"recorded_at\":"
                + "\"2026-01-01T00:00:00Z\",\"seq\":1,\"source\":\"s\",\"subject\":null,\"tenant\":null,\"time\":null,"
                + "\"type\":\"t\"}");
    }

    @Example
    void timesAreUtcAtMicrosecondPrecision() {
        assertThat(ChainHash.timestamp(OffsetDateTime.parse("2026-11-22T10:30:00.123456789+02:00")))
                .isEqualTo("2026-11-22T08:30:00.123456Z");
        assertThat(ChainHash.timestamp(Instant.parse("2026-11-22T10:30:00Z"))).isEqualTo("2026-11-22T10:30:00Z");
        assertThat(ChainHash.timestamp(Instant.parse("2026-11-22T10:30:00.100Z"))).isEqualTo("2026-11-22T10:30:00.100Z");
    }

    @Example
    void theHashIsSha256OfPrevHashAndCanonicalText() {
        // sha256("abc") from FIPS 180-2
        assertThat(ChainHash.hash("a", "bc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static String entryHash(JsonNode data) {
        return ChainHash.hash(ChainHash.GENESIS, ChainHash.entry(1, "e", "t", "s", null, "acme", "a", null,
                "2026-01-01T00:00:00Z", data));
    }

    /** Reads stored text the way the service does: numbers exact (BigDecimal, BigInteger). */
    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode shuffle(JsonNode node, Random random) {
        ObjectNode out = JSON.createObjectNode();
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        Collections.shuffle(names, random);
        for (String name : names) {
            JsonNode value = node.get(name);
            out.set(name, value.isObject() ? shuffle(value, random) : value);
        }
        return out;
    }
}
