package dev.countersign.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import dev.countersign.local.LocalStack;
import dev.countersign.local.Service;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.WebhookReceiver;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** What the end-to-end tests do with the stack: define actions, submit proposals, read the audit trail. */
final class Steps {
    static final String TENANT = "acme";
    static final String ASSISTANT = "support-bot";
    /** Service start-up, a consumer-group rebalance and a delivery, on two busy cores. */
    static final Duration PATIENCE = Duration.ofMinutes(3);

    private Steps() {
    }

    static LocalStack stack() {
        return E2eStack.stack();
    }

    static String uniqueAction() {
        return "e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /**
     * Defines an auto-approved webhook action delivering to {@code url}; returns the {@code whsec_} signing secret
     * the 201 answer shows this once.
     */
    static String defineWebhookAction(String name, String url) {
        return defineAction(name, url, "{\"mode\": \"auto\"}", null);
    }

    /**
     * Defines a webhook action delivering to {@code url} with the {@code approval} block given as JSON and, when
     * not null, {@code execution.dry_run} ({@code simulate} or {@code endpoint}); returns its {@code whsec_} secret.
     */
    static String defineAction(String name, String url, String approval, String dryRun) {
        String definition = """
                {"tenant": "%s", "assistant": "%s", "name": "%s",
                 "display_name": "Check order status",
                 "description": "Check the status of a customer order. Requires the order number.",
                 "parameters": [
                   {"name": "order_number", "type": "string", "required": true, "pattern": "^ORD-[0-9]+$",
                    "description": "Order number, e.g. ORD-12345"}
                 ],
                 "approval": %s,
                 "execution": {"kind": "webhook", "url": "%s", "timeout_ms": 30000%s}}
                """.formatted(TENANT, ASSISTANT, name, approval, url,
                dryRun == null ? "" : ", \"dry_run\": \"" + dryRun + "\"");
        return given().baseUri(stack().url(Service.ACTION_REGISTRY))
                .auth().oauth2(stack().tokens().admin()).contentType(ContentType.JSON).body(definition)
                .when().post("/v1/actions")
                .then().statusCode(201)
                .extract().path("signing_secret");
    }

    /**
     * Submits {@code body} over HTTP as the chatbot backend (a {@code countersign-submitter}, the proposal's
     * {@code submitted_by}); returns the proposal id from the 202 answer.
     */
    static String submit(Map<String, Object> body) {
        return given().baseUri(stack().url(Service.PROPOSAL_SERVICE)).auth().oauth2(stack().tokens().submitter())
                .contentType(ContentType.JSON).body(body)
                .when().post("/v1/proposals")
                .then().statusCode(202)
                .extract().path("proposal_id");
    }

    /**
     * The lower-case hex SHA-256 of {@code node}'s RFC 8785 canonical form, as a receiver computes an approval
     * digest. Enough for the tests' data (objects, strings, integers): members sorted by name, no whitespace.
     */
    static String canonicalSha256(JsonNode node) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical(node).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            StringBuilder out = new StringBuilder("{");
            for (String name : names) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(Json.mapper().getNodeFactory().textNode(name)).append(':').append(canonical(node.get(name)));
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return "[" + String.join(",", items) + "]";
        }
        if (node.isIntegralNumber() || node.isTextual() || node.isBoolean() || node.isNull()) {
            return node.toString();
        }
        throw new IllegalArgumentException("not needed by these tests: " + node);
    }

    /** The action's current v1a public key ({@code whpk_...}), as a receiver reads it from the registry. */
    static String publicKey(String name) {
        return given().baseUri(stack().url(Service.ACTION_REGISTRY))
                .auth().oauth2(stack().tokens().user()).when()
                .get("/v1/actions/" + TENANT + "/" + ASSISTANT + "/" + name + "/signing-keys")
                .then().statusCode(200).extract().path("keys[0].public_key");
    }

    /** Whether one {@code v1a,} entry of the delivery's signature verifies with {@code whpk} (Ed25519, JDK). */
    static boolean v1aVerifies(WebhookReceiver.Delivery delivery, String whpk) throws Exception {
        byte[] raw = java.util.Base64.getDecoder().decode(whpk.substring("whpk_".length()));
        byte[] x509 = java.util.HexFormat.of().parseHex("302a300506032b6570032100" + java.util.HexFormat.of().formatHex(raw));
        var key = java.security.KeyFactory.getInstance("Ed25519")
                .generatePublic(new java.security.spec.X509EncodedKeySpec(x509));
        byte[] content = (delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "."
                + delivery.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (String entry : delivery.header("webhook-signature").split(" ")) {
            if (entry.startsWith("v1a,")) {
                var verifier = java.security.Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(content);
                if (verifier.verify(java.util.Base64.getDecoder().decode(entry.substring(4)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The data of a {@code proposal.submitted} event. */
    static Map<String, Object> proposal(String action, String conversationId, Map<String, Object> parameters) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tenant", TENANT);
        data.put("assistant", ASSISTANT);
        data.put("action", action);
        data.put("parameters", parameters);
        data.put("conversation_id", conversationId);
        data.put("user", Map.of("id", "customer-42", "email", "customer@example.com"));
        data.put("trigger", "ai_intent");
        return data;
    }

    /** Deliveries whose body names {@code proposalId}. */
    static List<WebhookReceiver.Delivery> deliveriesFor(WebhookReceiver receiver, String proposalId) {
        return receiver.deliveries().stream().filter(d -> proposalId.equals(json(d.body()).path("proposal_id").asText()))
                .toList();
    }

    /** Records on a watched topic about {@code proposalId} (CloudEvent subject) of {@code type}. */
    static List<KafkaTestClient.Received> events(List<KafkaTestClient.Received> topic, String proposalId, String type) {
        return topic.stream().filter(r -> proposalId.equals(r.subject()) && type.equals(r.type())).toList();
    }

    /** The audit timeline's entries, in the order the API returns them (empty while none is recorded). */
    static List<JsonNode> timeline(String proposalId) {
        var response = given().baseUri(stack().url(Service.AUDIT_SERVICE)).auth().oauth2(stack().tokens().admin())
                .when().get("/v1/audit/proposals/" + proposalId);
        if (response.statusCode() == 404) {
            return List.of();
        }
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        json(response.asString()).path("entries").forEach(entries::add);
        return entries;
    }

    static List<String> types(List<JsonNode> entries) {
        return entries.stream().map(e -> e.path("type").asText()).toList();
    }

    /** Waits until the proposal's timeline has (at least) {@code count} entries and returns it. */
    static List<JsonNode> awaitTimeline(String proposalId, int count) {
        return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> timeline(proposalId), entries -> entries.size() >= count);
    }

    /**
     * Asserts the hash chain through the timeline: entries in increasing {@code seq}, and every row of the log
     * from the first to the last of them (other events may sit in between) linked to its predecessor by
     * {@code prev_hash}; then asks the audit service to verify the whole chain.
     */
    static void assertChained(List<JsonNode> entries) {
        List<Long> seqs = entries.stream().map(e -> e.path("seq").asLong()).toList();
        assertThat(seqs).as("seq order").isSorted().doesNotHaveDuplicates();
        long first = seqs.get(0);
        long last = seqs.get(seqs.size() - 1);
        String page = given().baseUri(stack().url(Service.AUDIT_SERVICE)).auth().oauth2(stack().tokens().admin())
                .queryParam("after_seq", first - 1).queryParam("limit", 1000)
                .when().get("/v1/audit")
                .then().statusCode(200).extract().asString();
        Map<Long, JsonNode> range = new LinkedHashMap<>();
        json(page).path("items").forEach(item -> {
            if (item.path("seq").asLong() <= last) {
                range.put(item.path("seq").asLong(), item);
            }
        });
        // every test uses one tenant, so every row in the range is visible: the range has no gaps
        List<Long> rangeSeqs = new ArrayList<>(range.keySet());
        assertThat(rangeSeqs).as("the log between the timeline's first and last entry")
                .hasSize((int) (last - first + 1)).startsWith(first).endsWith(last).isSorted();
        JsonNode previous = null;
        for (JsonNode row : range.values()) {
            if (previous != null) {
                assertThat(row.path("prev_hash").asText()).as("prev_hash of seq %s", row.path("seq").asLong())
                        .isEqualTo(previous.path("hash").asText());
            }
            previous = row;
        }
        for (JsonNode e : entries) {
            assertThat(e.path("hash").asText()).isEqualTo(range.get(e.path("seq").asLong()).path("hash").asText());
        }
        for (int i = 1; i < entries.size(); i++) {
            if (seqs.get(i) == seqs.get(i - 1) + 1) {
                assertThat(entries.get(i).path("prev_hash").asText()).isEqualTo(entries.get(i - 1).path("hash").asText());
            }
        }
        given().baseUri(stack().url(Service.AUDIT_SERVICE)).auth().oauth2(stack().tokens().admin())
                .when().get("/v1/audit/verify")
                .then().statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true));
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
