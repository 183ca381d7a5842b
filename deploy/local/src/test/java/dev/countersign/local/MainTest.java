package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
    @Test
    void theStartUpOutputSaysTheSharedInboundTopicsAreTrustedAndByWhom() {
        String note = Main.trustNote();

        assertThat(note).contains("countersign.proposals").contains("countersign.decisions").contains("TRUSTED")
                .contains("countersign.inbound.trust-shared-topics=true")
                .contains("approval-service").contains("proposal-service")
                .contains("Production leaves this off");
    }
}
