package dev.countersign.proposal.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.domain.DomainException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * How a submission is identified and who may make it: the dedupe hash depends on a body's content only (never on
 * key order or number spelling, and without losing digits), and an HTTP submission is bound to the caller's tenant,
 * its assistant claim, and records the caller as submitter.
 */
class SubmissionTest {
    static final Submitter SUBMITTER = new Submitter("bot-backend", "acme", Set.of(Submitter.SUBMITTER), null);

    static Submission of(JsonNode data) {
        return new Submission("p-1", (ObjectNode) data, Submission.KAFKA, "/src", "topic:t");
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

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
        JsonNode original = Json.mapper().valueToTree(body);
        JsonNode shuffled = shuffle(original, new Random(seed));
        assertThat(of(shuffled).bodyHash()).isEqualTo(of(original).bodyHash());
    }

    @Property(tries = 300)
    void aChangedValueChangesTheHash(@ForAll("bodies") Map<String, Object> body) {
        ObjectNode original = Json.mapper().valueToTree(body);
        ObjectNode changed = original.deepCopy();
        String key = original.fieldNames().next();
        changed.put(key, "changed-" + original.get(key));
        assertThat(of(changed).bodyHash()).isNotEqualTo(of(original).bodyHash());
    }

    @Example
    void numbersCompareByValueAndKeepEveryDigit() {
        assertThat(of(json("{\"b\": 1.0, \"a\": [1e2, 0.50]}")).canonicalBody())
                .isEqualTo(of(json("{\"a\": [100, 0.5], \"b\": 1}")).canonicalBody())
                .isEqualTo("{\"a\":[100,0.5],\"b\":1}");
        // beyond what a double holds: two different amounts are two different proposals
        assertThat(of(json("{\"amount\": 12345678901234567890}")).bodyHash())
                .isNotEqualTo(of(json("{\"amount\": 12345678901234567891}")).bodyHash());
        assertThat(of(json("{\"amount\": 0.1000000000000000000001}")).canonicalBody())
                .isEqualTo("{\"amount\":0.1000000000000000000001}");
    }

    @Example
    void aKafkaProposalIsSubmittedByItsTopic() {
        Submission s = Submission.fromKafka("id-1", json("{}"), "/assistants/bot", "countersign.proposals");
        assertThat(s.submittedBy()).isEqualTo("topic:countersign.proposals");
        assertThat(s.channel()).isEqualTo(Submission.KAFKA);
        assertThat(s.origin()).isEqualTo("/assistants/bot");
    }

    @Example
    void anHttpProposalTakesTheCallersTenantAndRecordsItsSubject() {
        Submission s = Submission.fromHttp(json("{\"assistant\": \"bot\", \"proposal_id\": \"p-7\"}"), SUBMITTER);
        assertThat(s.proposalId()).isEqualTo("p-7");
        assertThat(s.data().has("proposal_id")).isFalse();
        assertThat(s.data().path("tenant").asText()).isEqualTo("acme");
        assertThat(s.submittedBy()).isEqualTo("bot-backend");
        assertThat(s.channel()).isEqualTo(Submission.HTTP);
        assertThat(UUID.fromString(Submission.fromHttp(json("{}"), SUBMITTER).proposalId())).isNotNull();
    }

    @Example
    void anotherTenantIsForbidden() {
        assertThatThrownBy(() -> Submission.fromHttp(json("{\"tenant\": \"globex\"}"), SUBMITTER))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.code()).isEqualTo("forbidden");
                });
        assertThatThrownBy(() -> Submission.fromHttp(json("{\"tenant\": 5}"), SUBMITTER))
                .isInstanceOf(DomainException.class);
    }

    @Example
    void aTokenBoundToAnAssistantMaySubmitOnlyForIt() {
        Submitter bound = new Submitter("bot-backend", "acme", Set.of(Submitter.SUBMITTER), "support-bot");
        assertThat(Submission.fromHttp(json("{\"assistant\": \"support-bot\"}"), bound).submittedBy())
                .isEqualTo("bot-backend");
        for (String body : List.of("{\"assistant\": \"sales-bot\"}", "{}", "{\"assistant\": 1}")) {
            assertThatThrownBy(() -> Submission.fromHttp(json(body), bound)).as(body)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                        assertThat(e.getMessage()).contains("support-bot");
                    });
        }
        // an admin is never bound, whatever its token says
        Submitter admin = new Submitter("ops", "acme", Set.of(Submitter.ADMIN), "support-bot");
        assertThat(Submission.fromHttp(json("{\"assistant\": \"sales-bot\"}"), admin).submittedBy()).isEqualTo("ops");
    }

    @Example
    void aBoundSubmitterReadsOnlyItsAssistantsProposalsWhileAuditorsReadAll() {
        Submitter bound = new Submitter("s", "acme", Set.of(Submitter.SUBMITTER), "support-bot");
        assertThat(bound.mayRead("support-bot")).isTrue();
        assertThat(bound.mayRead("sales-bot")).isFalse();
        assertThat(new Submitter("a", "acme", Set.of(Submitter.AUDITOR), "support-bot").mayRead("sales-bot")).isTrue();
        assertThat(SUBMITTER.mayRead("sales-bot")).isTrue();
    }

    @Example
    void unusableProposalIdsAndBodiesAreRefusedBeforeIntake() {
        for (String id : List.of("\"\"", "\"p\\u0000\"", "5", "\"" + "x".repeat(257) + "\"")) {
            assertThatThrownBy(() -> Submission.fromHttp(json("{\"proposal_id\": " + id + "}"), SUBMITTER)).as(id)
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
                        assertThat(e.code()).isEqualTo("malformed");
                        assertThat(e.errors()).extracting(f -> f.path()).containsExactly("proposal_id");
                    });
        }
        assertThatThrownBy(() -> Submission.fromHttp(Json.mapper().createArrayNode(), SUBMITTER))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.MALFORMED));
        assertThatThrownBy(() -> Submission.fromHttp(null, SUBMITTER)).isInstanceOf(DomainException.class);
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
