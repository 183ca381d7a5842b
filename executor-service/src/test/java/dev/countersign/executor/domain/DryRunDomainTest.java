package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.DryRunResult;
import dev.countersign.contracts.events.User;
import dev.countersign.contracts.webhook.WebhookHeaders;
import dev.countersign.contracts.webhook.WebhookTypes;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framework-free rules of dry runs: styles, ids, literal hosts, what is shown and how answers are judged. */
class DryRunDomainTest {

    @Test
    void theStyleIsSimulateUnlessTheWebhookAsksForItsEndpoint() {
        assertThat(DryRunStyle.of(null)).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec("webhook", null))).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec(null, " "))).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec("webhook", "simulate"))).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec("webhook", "endpoint"))).contains(DryRunStyle.ENDPOINT);
        assertThat(DryRunStyle.of(exec(null, "Endpoint"))).contains(DryRunStyle.ENDPOINT);
        // built-in kinds have no endpoint of their own: always simulated
        assertThat(DryRunStyle.of(exec("email", "endpoint"))).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec("http_template", "endpoint"))).contains(DryRunStyle.SIMULATE);
        assertThat(DryRunStyle.of(exec("webhook", "replay"))).isEmpty();
    }

    @Test
    void aDryRunsWebhookIdIsStablePerProposalAndDigestAndNeverAnExecutionsId() {
        String id = WebhookIds.dryRun("acme", "prop-1", "abc");
        assertThat(id).startsWith("dryrun_").matches("dryrun_[A-Za-z0-9_-]{22}");
        assertThat(WebhookIds.dryRun("acme", "prop-1", "abc")).isEqualTo(id);
        assertThat(WebhookIds.dryRun("acme", "prop-1", "abd")).isNotEqualTo(id);
        assertThat(WebhookIds.dryRun("acme", "prop-2", "abc")).isNotEqualTo(id);
        assertThat(WebhookIds.dryRun("globex", "prop-1", "abc")).isNotEqualTo(id);
        // the separator keeps ("a", "bc") and ("ab", "c") apart
        assertThat(WebhookIds.dryRun("acme", "a", "bc")).isNotEqualTo(WebhookIds.dryRun("acme", "ab", "c"));
        // a proposal id with characters a header cannot carry still gives a valid header value
        assertThat(WebhookIds.dryRun("acme", "p\r\nx: y", "d")).matches("dryrun_[A-Za-z0-9_-]{22}");
        assertThat(WebhookIds.newId()).startsWith("msg_");
    }

    @Test
    void onlyHostsWrittenAsAddressesAreReadAndNoNameIsLookedUp() {
        assertThat(LiteralAddress.of("127.0.0.2")).hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThat(LiteralAddress.of("169.254.169.254")).isPresent();
        assertThat(LiteralAddress.of("[::1]")).hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThat(LiteralAddress.of("[::ffff:10.0.0.1]")).isPresent();
        assertThat(LiteralAddress.of("256.1.1.1")).isEmpty();
        assertThat(LiteralAddress.of("api.example.com")).isEmpty();
        assertThat(LiteralAddress.of("localhost")).isEmpty();
        assertThat(LiteralAddress.of(null)).isEmpty();
    }

    @Test
    void aSimulationShowsTheBodyAndOnlyHeadersWithoutSecrets() {
        WebhookSigner signer = new WebhookSigner(List.of("whsec_" + java.util.Base64.getEncoder()
                .encodeToString(new byte[32])));
        String body = Json.mapper().createObjectNode().put("type", WebhookTypes.EXECUTE).put("amount", 100.10)
                .toString();
        WebhookRequest request = new WebhookRequest("dryrun_x", URI.create("https://api.example.com/hook?a=1"), body,
                signer, new DeliveryPolicy(1000, 1, 0, 0), Traceparent.newTrace(new SecureRandom()),
                new AuthHeader("Authorization", "Bearer secret-token"));

        DryRunResult result = DryRunOutcomes.simulated(request, 1_700_000_000L, "Countersign/1.0");
        assertThat(result.ok()).isTrue();
        assertThat(result.outcome().message()).isNull();
        var wouldSend = result.outcome().wouldSend();
        assertThat(wouldSend.method()).isEqualTo("POST");
        assertThat(wouldSend.url()).isEqualTo("https://api.example.com/hook?a=1");
        assertThat(wouldSend.headers()).containsExactly(Map.entry("content-type", "application/json"),
                Map.entry("user-agent", "Countersign/1.0"), Map.entry(WebhookHeaders.ID, "dryrun_x"),
                Map.entry(WebhookHeaders.TIMESTAMP, "1700000000"));
        assertThat(((JsonNode) wouldSend.body()).path("amount").decimalValue()).isEqualByComparingTo("100.10");
        assertThat(Json.mapper().valueToTree(result).toString()).doesNotContain("secret-token").doesNotContain("v1,");

        // what is actually sent has the signature and the credential on top
        assertThat(request.headers(1_700_000_000L, "Countersign/1.0")).containsKeys(WebhookHeaders.SIGNATURE,
                WebhookHeaders.TRACEPARENT, "Authorization");
        assertThat(request.toString()).doesNotContain("secret-token");
    }

    @Test
    void theEndpointsAnswerIsTheOutcome() {
        assertThat(DryRunOutcomes.answered(new Outcome.Succeeded(200, "Would refund 20 EUR.", null)))
                .satisfies(r -> {
                    assertThat(r.ok()).isTrue();
                    assertThat(r.outcome().message()).isEqualTo("Would refund 20 EUR.");
                });
        assertThat(DryRunOutcomes.answered(new Outcome.Succeeded(204, null, null)).outcome().message())
                .contains("HTTP 204");
        DryRunResult declined = DryRunOutcomes.answered(new Outcome.Failed(200, ErrorCodes.WEBHOOK_ERROR, "closed"));
        assertThat(declined.ok()).isFalse();
        assertThat(declined.outcome().message()).isEqualTo("The dry-run endpoint reported a problem: closed");
        DryRunResult client = DryRunOutcomes.answered(new Outcome.Failed(404, ErrorCodes.CLIENT_ERROR,
                "The endpoint answered HTTP 404"));
        assertThat(client.ok()).isFalse();
        assertThat(client.outcome().message()).contains("404");
        // what an execution would retry is, for a dry run, a failed outcome at once
        DryRunResult timeout = DryRunOutcomes.answered(new Outcome.Retry(null, ErrorCodes.TIMEOUT,
                "The endpoint did not answer within 300 ms.", null));
        assertThat(timeout.ok()).isFalse();
        assertThat(timeout.outcome().message()).contains("300 ms");
        assertThat(timeout.outcome().wouldSend()).isNull();
    }

    @Test
    void aDryRunBodyCarriesTheRequestedParametersAndNoDecisionsYet() {
        DryRunRequested requested = new DryRunRequested("prop-1", "acme", "bot", "refund", 3,
                Map.of("amount", 20), "conv-1", new User("u-1", null, null), "ai_intent", "d");
        var payload = WebhookPayloads.dryRun(WebhookTypes.DRY_RUN, requested, Instant.parse("2026-01-01T10:00:00.7Z"));
        JsonNode json = Json.mapper().valueToTree(payload);
        assertThat(json.path("type").asText()).isEqualTo("action.dry_run");
        assertThat(json.path("timestamp").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(json.path("action_version").asInt()).isEqualTo(3);
        assertThat(json.path("parameters").path("amount").asInt()).isEqualTo(20);
        assertThat(json.path("context").path("user").path("id").asText()).isEqualTo("u-1");
        assertThat(json.path("context").has("decided_by")).isFalse();
        assertThat(json.path("context").has("approval")).isFalse();
    }

    private static Execution exec(String kind, String dryRun) {
        return new Execution(kind, "https://api.example.com/hook", null, null, dryRun);
    }
}
