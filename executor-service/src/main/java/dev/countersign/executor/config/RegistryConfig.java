package dev.countersign.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the executor reads definitions and signing secrets: the action registry's internal endpoint. */
@ConfigMapping(prefix = "countersign.registry")
public interface RegistryConfig {

    /**
     * Base URL of the action registry's internal endpoint (internal network; not subject to the webhook egress
     * policy). HTTPS, unless {@link #allowPlainHttp()}: the answers carry signing secrets and credentials.
     */
    String url();

    /**
     * Development only: accept a plain {@code http://} registry URL (the dev and test profiles and the local run
     * set it). Anywhere else the executor refuses to start with an {@code http://} URL.
     */
    @WithDefault("false")
    boolean allowPlainHttp();

    /**
     * Bearer token (a JWT in group {@code countersign-service}) for the internal endpoint. Without one the
     * registry answers 401 and deliveries wait (retried) until it is configured.
     */
    Optional<String> token();

    /**
     * How long a registry answer (signing keys, credentials) is reused; short, so a rotation or revocation takes
     * effect quickly. Feeds {@code quarkus.cache.caffeine."registry-action-versions".expire-after-write}.
     */
    @WithDefault("PT60S")
    Duration secretsTtl();

    /** Most definition versions cached; feeds {@code quarkus.cache.caffeine."registry-action-versions".maximum-size}. */
    @WithDefault("10000")
    int definitionCacheSize();
}
