package dev.countersign.executor.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses to start with a registry URL that would carry signing secrets and credentials in clear: the URL must
 * be {@code https://}, unless {@code countersign.registry.allow-plain-http=true} (development only; the dev and
 * test profiles and the local run set it).
 */
@ApplicationScoped
public class RegistryUrlCheck {

    void onStart(@Observes StartupEvent event, RegistryConfig config) {
        problem(config.url(), config.allowPlainHttp()).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why {@code url} cannot be used as the registry URL, or empty when it can. */
    public static Optional<String> problem(String url, boolean allowPlainHttp) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.of("countersign.registry.url is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("countersign.registry.url must be an absolute https:// URL (it is '" + scheme
                    + "://…' or has no host).");
        }
        if (scheme.equals("http") && !allowPlainHttp) {
            return Optional.of("countersign.registry.url must use https: the registry's answers carry signing secrets "
                    + "and credentials. For development only, set countersign.registry.allow-plain-http=true "
                    + "(COUNTERSIGN_REGISTRY_ALLOW_PLAIN_HTTP=true) to accept http://.");
        }
        return Optional.empty();
    }
}
