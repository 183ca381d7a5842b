package dev.countersign.executor.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Waits between attempts: exponential backoff with full jitter (a uniform pick in
 * {@code [0, min(max, initial * 2^(n-1))]}), which spreads retries of many executions that failed together.
 * A receiver's {@code Retry-After} replaces it, capped by the maximum backoff.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The wait after failed attempt {@code attempt} (1-based).
     *
     * @param retryAfter what the receiver asked for (408/429), or null
     */
    public static Duration after(DeliveryPolicy policy, int attempt, Duration retryAfter, RandomGenerator random) {
        if (retryAfter != null) {
            // Compared as durations: toMillis() of a huge Retry-After would overflow.
            Duration cap = Duration.ofMillis(policy.maxBackoffMs());
            return retryAfter.isNegative() ? Duration.ZERO : retryAfter.compareTo(cap) > 0 ? cap : retryAfter;
        }
        return Duration.ofMillis(random.nextLong(ceiling(policy, attempt) + 1));
    }

    /** The upper bound of the jittered wait after {@code attempt}, without overflow for large attempts. */
    static long ceiling(DeliveryPolicy policy, int attempt) {
        long ceiling = policy.initialBackoffMs();
        for (int i = 1; i < attempt && ceiling < policy.maxBackoffMs(); i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, policy.maxBackoffMs());
    }
}
