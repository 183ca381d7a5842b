package dev.countersign.executor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.Json;
import dev.countersign.contracts.internal.ActionVersion;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** What the executor reads from the registry's internal answer (the contracts' record), and keeps out of logs. */
class RegistryAnswerTest {
    static final String ANSWER = """
            {"definition": {"tenant": "acme", "assistant": "bot", "name": "refund", "version": 3,
                            "execution": {"kind": "webhook", "url": "https://example.com/h",
                                          "auth": {"credential": "ticketing", "header": "X-Api-Key"}}},
             "signing_secrets": ["whsec_c2VjcmV0"],
             "signing_keys": [{"key_id": "k1", "secret": "whsec_c2VjcmV0", "private_key": "whsk_x", "public_key": "whpk_y"}],
             "credentials": {"ticketing": "tok-very-secret", "ghost": null}}
            """;

    @Test
    void credentialsAreReadByNameAndNeverShownByToString() throws Exception {
        ActionVersion version = Json.mapper().readValue(ANSWER, ActionVersion.class);

        assertThat(version.credential("ticketing")).isEqualTo("tok-very-secret");
        assertThat(version.credential("ghost")).as("a null value is as good as missing").isNull();
        assertThat(version.credential("other")).isNull();
        assertThat(version.credential(null)).isNull();
        assertThat(version.definition().execution().auth().header()).isEqualTo("X-Api-Key");
        assertThat(version.privateKeys()).containsExactly("whsk_x");
        assertThat(version.toString()).doesNotContain("tok-very-secret").doesNotContain("whsec_")
                .doesNotContain("whsk_").contains("1 credential(s)");
    }

    @Test
    void anAnswerWithoutCredentialsHasNone() throws Exception {
        ActionVersion version = Json.mapper().readValue(
                "{\"definition\": {\"name\": \"refund\", \"version\": 1}, \"signing_secrets\": [\"whsec_c2VjcmV0\"]}",
                ActionVersion.class);
        assertThat(version.credentials()).isEmpty();
        assertThat(version.credential("ticketing")).isNull();
    }

    @Test
    void aStatusExceptionNeverCarriesTheBody() {
        RuntimeException mapped = RegistryApi.toException(Response.status(500)
                .entity("{\"signing_secrets\": [\"whsec_leak\"]}").build());
        assertThat(mapped).isInstanceOf(RegistryApi.RegistryStatusException.class);
        assertThat(((RegistryApi.RegistryStatusException) mapped).status()).isEqualTo(500);
        assertThat(mapped.getMessage()).doesNotContain("whsec_");
    }
}
