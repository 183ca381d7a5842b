package dev.countersign.approval.web.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Where approvers reach this service ({@code countersign.approval.public-url}): one-time link URLs start with it.
 * A mapping of its own beside the service's {@code ApprovalConfig} (same prefix), so the web layer owns its key.
 */
@ConfigMapping(prefix = "countersign.approval")
public interface PublicUrlConfig {

    /** The public base URL, e.g. {@code https://approvals.example.com}; behind a proxy, the proxy's URL. */
    @WithName("public-url")
    @WithDefault("http://localhost:8083")
    String publicUrl();
}
