package dev.countersign.proposal.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An action that appears during the grace period is found; one that never appears is given up on. */
class GraceLookupTest {

    @Test
    void aResultThatAppearsDuringTheGraceIsFound() {
        AtomicInteger attempts = new AtomicInteger();
        String found = GraceLookup.untilFound(
                        () -> Uni.createFrom().item(attempts.incrementAndGet() >= 3 ? "action" : null),
                        r -> r != null, Duration.ofSeconds(10), Duration.ofMillis(10))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(found).isEqualTo("action");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void theLastResultIsReturnedOnceTheGraceHasPassed() {
        AtomicInteger attempts = new AtomicInteger();
        String found = GraceLookup.untilFound(() -> {
                    attempts.incrementAndGet();
                    return Uni.createFrom().item((String) null);
                }, r -> r != null, Duration.ofMillis(200), Duration.ofMillis(20))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(found).isNull();
        assertThat(attempts.get()).isGreaterThan(1);
    }

    @Test
    void aResultFoundAtOnceIsNotLookedUpAgain() {
        AtomicInteger attempts = new AtomicInteger();
        GraceLookup.untilFound(() -> Uni.createFrom().item(attempts.incrementAndGet()), r -> true,
                Duration.ofSeconds(5), Duration.ofMillis(10)).await().atMost(Duration.ofSeconds(5));
        assertThat(attempts).hasValue(1);
    }
}
