package dev.countersign.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the executor reads definitions and signing secrets: the action registry's internal endpoint. */
@ConfigMapping(prefix = "countersign.registry")
public interface RegistryConfig {

    /** Base URL of the action registry (internal network; not subject to the webhook egress policy). */
    @WithDefault("http://127.0.0.1:8081")
    String url();

    /**
     * Bearer token (a JWT in group {@code countersign-service}) for the internal endpoint. Without one the
     * registry answers 401 and deliveries wait (retried) until it is configured.
     */
    Optional<String> token();

    /** How long fetched signing secrets are reused; short, so a rotation or revocation takes effect quickly. */
    @WithDefault("PT60S")
    Duration secretsTtl();

    /** Most definition versions kept in memory (versions are immutable, so they never go stale). */
    @WithDefault("10000")
    int definitionCacheSize();
}
