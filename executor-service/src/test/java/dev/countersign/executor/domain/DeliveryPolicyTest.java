package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.actions.RetryPolicy;
import dev.countersign.executor.config.DeliveryConfig;
import org.junit.jupiter.api.Test;

/** A definition's timeout and retry apply where set, within the configured bounds. */
class DeliveryPolicyTest {
    static final DeliveryConfig CONFIG = new DeliveryConfig() {
        @Override
        public long defaultTimeoutMs() {
            return 10_000;
        }

        @Override
        public long maxTimeoutMs() {
            return 30_000;
        }

        @Override
        public int maxRequestBytes() {
            return 102_400;
        }

        @Override
        public int maxResponseBytes() {
            return 102_400;
        }

        @Override
        public Retry retry() {
            return new Retry() {
                @Override
                public int maxAttempts() {
                    return 4;
                }

                @Override
                public int maxAttemptsLimit() {
                    return 10;
                }

                @Override
                public long initialBackoffMs() {
                    return 1000;
                }

                @Override
                public long maxBackoffMs() {
                    return 30_000;
                }
            };
        }
    };

    @Test
    void defaultsApplyWhenTheDefinitionSetsNothing() {
        assertThat(DeliveryPolicy.of(new Execution("webhook", "https://x", null, null, null), CONFIG))
                .isEqualTo(new DeliveryPolicy(10_000, 4, 1000, 30_000));
    }

    @Test
    void theDefinitionsValuesAreClampedToTheMaxima() {
        Execution greedy = new Execution("webhook", "https://x", 120_000, new RetryPolicy(99, 60_000L, 600_000L), null);
        assertThat(DeliveryPolicy.of(greedy, CONFIG)).isEqualTo(new DeliveryPolicy(30_000, 10, 30_000, 30_000));

        Execution modest = new Execution("webhook", "https://x", 2000, new RetryPolicy(2, 10L, 50L), null);
        assertThat(DeliveryPolicy.of(modest, CONFIG)).isEqualTo(new DeliveryPolicy(2000, 2, 10, 50));

        Execution nonsense = new Execution("webhook", "https://x", -5, new RetryPolicy(0, -1L, -1L), null);
        assertThat(DeliveryPolicy.of(nonsense, CONFIG)).isEqualTo(new DeliveryPolicy(1, 1, 0, 0));
    }
}
