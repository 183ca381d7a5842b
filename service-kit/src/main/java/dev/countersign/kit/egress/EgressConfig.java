package dev.countersign.kit.egress;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Egress policy knobs (DESIGN §6). Production defaults refuse plain HTTP and every private target; the local
 * run and tests widen them explicitly, never by default.
 */
@ConfigMapping(prefix = "countersign.egress")
public interface EgressConfig {

    /** Allow {@code http://} URLs (development only). */
    @WithDefault("false")
    boolean allowPlainHttp();

    /** Address blocks allowed even though they are private/loopback, e.g. {@code 127.0.0.1/32} for tests. */
    Optional<List<String>> allowCidrs();
}
