package dev.countersign.registry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Registry settings: secret encryption and key rotation. */
@ConfigMapping(prefix = "countersign.registry")
public interface RegistryConfig {

    /**
     * Master keys for encrypting secrets at rest, as {@code id:base64(32 bytes)} entries. The first encrypts
     * new secrets; the others still decrypt older ones, so a master key rotates by prepending a new entry.
     * Supply it from a Kubernetes Secret; there is no production default.
     */
    List<String> masterKeys();

    /** How long the previous signing key stays valid after a rotation (the executor signs with both). */
    @WithDefault("PT24H")
    Duration rotationOverlap();

    /**
     * Subjects (token {@code sub}) allowed on the internal endpoints that hand out secrets, in addition to
     * holding the {@code countersign-service} group: a service token of any other subject is refused.
     */
    @WithDefault("countersign-executor")
    List<String> internalCallers();
}
