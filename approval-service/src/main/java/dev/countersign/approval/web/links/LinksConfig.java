package dev.countersign.approval.web.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** One-time approval links (DESIGN §4b): the signing secret and how long a link lives. */
@ConfigMapping(prefix = "countersign.approval.links")
public interface LinksConfig {

    /**
     * The HMAC-SHA256 key that signs link tokens; at least 32 characters, required (no default: the service does
     * not start without it). Rotating it voids every link issued before.
     */
    String secret();

    /** How long a link is valid after it is issued; never longer than the proposal's own expires_at. */
    @WithDefault("2h")
    Duration ttl();
}
