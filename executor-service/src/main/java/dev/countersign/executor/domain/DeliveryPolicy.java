package dev.countersign.executor.domain;

import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.actions.RetryPolicy;
import dev.countersign.executor.config.DeliveryConfig;

/**
 * The effective timeout and retry policy of one execution: the definition's values where set, the configured
 * defaults otherwise, clamped to the configured maxima so a definition cannot make the executor wait forever.
 */
public record DeliveryPolicy(long timeoutMs, int maxAttempts, long initialBackoffMs, long maxBackoffMs) {

    public static DeliveryPolicy of(Execution execution, DeliveryConfig config) {
        DeliveryConfig.Retry defaults = config.retry();
        Long timeout = execution == null || execution.timeoutMs() == null ? null : execution.timeoutMs().longValue();
        RetryPolicy retry = execution == null ? null : execution.retry();
        long timeoutMs = clamp(timeout == null ? config.defaultTimeoutMs() : timeout, 1, config.maxTimeoutMs());
        int attempts = (int) clamp(retry == null || retry.maxAttempts() == null ? defaults.maxAttempts()
                : retry.maxAttempts(), 1, Math.min(defaults.maxAttemptsLimit(), RetryPolicy.MAX_ATTEMPTS));
        long maxBackoff = clamp(retry == null || retry.maxBackoffMs() == null ? defaults.maxBackoffMs()
                : retry.maxBackoffMs(), 0, defaults.maxBackoffMs());
        long initial = clamp(retry == null || retry.initialBackoffMs() == null ? defaults.initialBackoffMs()
                : retry.initialBackoffMs(), 0, maxBackoff);
        return new DeliveryPolicy(timeoutMs, attempts, initial, maxBackoff);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
