package dev.countersign.executor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.internal.ActionVersion;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which registry answers fail an execution for good, and which are retried. */
class RegistryFailureTest {
    private static final String KEY = "acme/bot/refund/versions/3";

    @Test
    void onlyTheRegistrysOwnNotFoundCodeIsFinal() {
        assertThat(RegistryClient.unavailableOrNotFound(new RegistryApi.RegistryStatusException(404, ActionVersion.NOT_FOUND), KEY))
                .isInstanceOf(DefinitionNotFoundException.class);
    }

    @Test
    void aBare404IsAMisroutedCallAndIsRetried() {
        // e.g. the registry URL points at the public port, where /internal does not exist
        assertThat(RegistryClient.unavailableOrNotFound(new RegistryApi.RegistryStatusException(404, "not_found"), KEY))
                .isInstanceOf(RegistryUnavailableException.class);
        assertThat(RegistryClient.unavailableOrNotFound(new RegistryApi.RegistryStatusException(404, null), KEY))
                .isInstanceOf(RegistryUnavailableException.class);
    }

    @Test
    void otherStatusesAndConnectionFailuresAreRetried() {
        assertThat(RegistryClient.unavailableOrNotFound(new RegistryApi.RegistryStatusException(503, null), KEY))
                .isInstanceOf(RegistryUnavailableException.class);
        assertThat(RegistryClient.unavailableOrNotFound(new ConnectException("refused"), KEY))
                .isInstanceOf(RegistryUnavailableException.class).hasMessageNotContaining("refused");
    }
}
