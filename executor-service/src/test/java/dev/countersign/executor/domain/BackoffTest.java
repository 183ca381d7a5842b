package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter, capped; Retry-After replaces it, capped too. */
class BackoffTest {
    static final DeliveryPolicy POLICY = new DeliveryPolicy(10_000, 4, 1000, 30_000);

    @Test
    void theCeilingDoublesPerAttemptUpToTheMaximum() {
        assertThat(Backoff.ceiling(POLICY, 1)).isEqualTo(1000);
        assertThat(Backoff.ceiling(POLICY, 2)).isEqualTo(2000);
        assertThat(Backoff.ceiling(POLICY, 3)).isEqualTo(4000);
        assertThat(Backoff.ceiling(POLICY, 6)).isEqualTo(30_000);
        assertThat(Backoff.ceiling(POLICY, 1_000)).isEqualTo(30_000);
    }

    @Test
    void retryAfterIsHonouredButCappedByTheMaximumBackoff() {
        assertThat(Backoff.after(POLICY, 1, Duration.ofSeconds(5), new Random(1))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.after(POLICY, 1, Duration.ofHours(1), new Random(1))).isEqualTo(Duration.ofSeconds(30));
        // a Retry-After whose milliseconds do not fit a long is capped, not an ArithmeticException
        assertThat(Backoff.after(POLICY, 1, Duration.ofSeconds(99_999_999_999_999_999L), new Random(1)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Property
    void theJitteredWaitStaysWithinZeroAndTheCeiling(@ForAll @IntRange(min = 1, max = 50) int attempt,
            @ForAll @LongRange(min = 0, max = 5_000) long initial, @ForAll @LongRange(min = 0, max = 60_000) long max,
            @ForAll long seed) {
        DeliveryPolicy policy = new DeliveryPolicy(1000, 10, Math.min(initial, max), max);
        Duration wait = Backoff.after(policy, attempt, null, new Random(seed));
        assertThat(wait.toMillis()).isBetween(0L, Backoff.ceiling(policy, attempt));
        assertThat(wait.toMillis()).isLessThanOrEqualTo(max);
    }
}
