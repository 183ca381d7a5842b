package dev.countersign.executor.client;

import dev.countersign.contracts.internal.ActionVersion;
import dev.countersign.executor.config.RegistryConfig;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads a definition version, the action's signing keys and the credential its execution names from the
 * registry's internal endpoint ({@link RegistryApi}) with the service token. Answers are cached per version in
 * {@value #CACHE} (Caffeine; size and expire-after-write in application.properties): signing keys and credentials
 * are reused at most that long, so a rotation or revocation reaches the executor within it. Short hiccups are
 * absorbed by {@link Retry}; a longer outage surfaces as {@link RegistryUnavailableException} and the incoming
 * event is retried by the intake. Never logs the answer: it contains secrets.
 */
@ApplicationScoped
public class RegistryClient {
    /** The cache of registry answers, configured under {@code quarkus.cache.caffeine.registry-action-versions}. */
    public static final String CACHE = "registry-action-versions";

    private final RegistryApi api;
    private final RegistryConfig config;

    RegistryClient(@RestClient RegistryApi api, RegistryConfig config) {
        this.api = api;
        this.config = config;
    }

    /**
     * The version (cached), or a {@link DefinitionNotFoundException} failure when the registry does not know it,
     * or a {@link RegistryUnavailableException} failure when it cannot answer. Failures are not cached.
     */
    @CacheResult(cacheName = CACHE)
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DefinitionNotFoundException.class)
    public Uni<ActionVersion> fetch(String tenant, String assistant, String name, int version) {
        String key = tenant + "/" + assistant + "/" + name + "/versions/" + version;
        return api.version(tenant, assistant, name, version, config.token().map(t -> "Bearer " + t).orElse(null))
                .onFailure().transform(failure -> unavailableOrNotFound(failure, key))
                .map(answer -> {
                    if (answer == null || answer.definition() == null) {
                        throw new RegistryUnavailableException("registry answer for " + key + " has no definition");
                    }
                    return answer;
                });
    }

    // Only the status or the failure's type goes into the message: never a body, never the token.
    static RuntimeException unavailableOrNotFound(Throwable failure, String key) {
        if (failure instanceof RegistryApi.RegistryStatusException status) {
            // only the registry's own "no such version" is final; a bare 404 is a misrouted call, retried
            return status.status() == 404 && ActionVersion.NOT_FOUND.equals(status.code())
                    ? new DefinitionNotFoundException(key)
                    : new RegistryUnavailableException("registry answered HTTP " + status.status() + " for " + key);
        }
        return new RegistryUnavailableException("registry unreachable or unreadable for " + key + ": "
                + failure.getClass().getSimpleName());
    }
}
