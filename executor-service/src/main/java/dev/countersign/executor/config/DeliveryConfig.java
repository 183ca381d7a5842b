package dev.countersign.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Webhook delivery limits and the defaults applied when a definition does not set them (DESIGN §5). A
 * definition's own values are clamped to the maxima here.
 */
@ConfigMapping(prefix = "countersign.delivery")
public interface DeliveryConfig {

    /** Timeout of one attempt when the definition sets none. */
    @WithDefault("10000")
    long defaultTimeoutMs();

    /** Upper bound of any definition's {@code execution.timeout_ms}. */
    @WithDefault("30000")
    long maxTimeoutMs();

    /** Largest request body sent; a larger payload fails with {@code request_too_large}. */
    @WithDefault("102400")
    int maxRequestBytes();

    /** Largest response body read; a larger one fails with {@code response_too_large}. */
    @WithDefault("102400")
    int maxResponseBytes();

    /** Retry defaults for definitions without {@code execution.retry}. */
    Retry retry();

    /** Exponential backoff with full jitter between attempts. */
    interface Retry {
        /** Attempts in total, the first included. */
        @WithDefault("4")
        int maxAttempts();

        /** Upper bound of any definition's {@code max_attempts}; never above {@code RetryPolicy.MAX_ATTEMPTS}. */
        @WithDefault("10")
        int maxAttemptsLimit();

        /** Backoff ceiling before the second attempt; doubled for each further attempt. */
        @WithDefault("1000")
        long initialBackoffMs();

        /** Ceiling of any backoff, including an honoured {@code Retry-After}. */
        @WithDefault("30000")
        long maxBackoffMs();
    }
}
