package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** The dedupe hash depends on a body's content only, never on key order or number spelling. */
class CanonicalJsonTest {

    @Provide
    Arbitrary<Map<String, Object>> bodies() {
        Arbitrary<Object> leaf = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(3).map(d -> (Object) d));
        Arbitrary<Object> nested = Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6), leaf)
                .ofMaxSize(4).map(m -> (Object) m);
        return Arbitraries.maps(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.oneOf(leaf, nested)).ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void keyOrderDoesNotChangeTheHash(@ForAll("bodies") Map<String, Object> body, @ForAll long seed) {
        JsonNode original = dev.countersign.contracts.Json.mapper().valueToTree(body);
        JsonNode shuffled = shuffle(original, new Random(seed));
        assertThat(CanonicalJson.sha256(shuffled)).isEqualTo(CanonicalJson.sha256(original));
    }

    @Property(tries = 300)
    void aChangedValueChangesTheHash(@ForAll("bodies") Map<String, Object> body) {
        ObjectNode original = dev.countersign.contracts.Json.mapper().valueToTree(body);
        ObjectNode changed = original.deepCopy();
        String key = original.fieldNames().next();
        changed.put(key, "changed-" + CanonicalJson.of(original.get(key)));
        assertThat(CanonicalJson.sha256(changed)).isNotEqualTo(CanonicalJson.sha256(original));
    }

    @Example
    void numbersCompareByValue() throws Exception {
        var mapper = dev.countersign.contracts.Json.mapper();
        assertThat(CanonicalJson.of(mapper.readTree("{\"b\": 1.0, \"a\": [1e2, 0.50]}")))
                .isEqualTo(CanonicalJson.of(mapper.readTree("{\"a\": [100, 0.5], \"b\": 1}")))
                .isEqualTo("{\"a\":[100,0.5],\"b\":1}");
        assertThat(CanonicalJson.of(mapper.readTree("{\"s\": \"a\\\"b\"}"))).isEqualTo("{\"s\":\"a\\\"b\"}");
    }

    private static JsonNode shuffle(JsonNode node, Random random) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            Collections.shuffle(names, random);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            names.forEach(n -> out.set(n, shuffle(node.get(n), random)));
            return out;
        }
        return node;
    }
}
