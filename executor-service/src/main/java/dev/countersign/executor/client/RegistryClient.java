package dev.countersign.executor.client;

import dev.countersign.contracts.Json;
import dev.countersign.executor.config.RegistryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Reads a definition version and its signing secrets from the registry's internal endpoint
 * ({@code GET /internal/v1/actions/{tenant}/{assistant}/{name}/versions/{version}}) with the service token.
 * Short hiccups are absorbed by {@link Retry}; a longer outage surfaces as {@link RegistryUnavailableException}
 * and the incoming event is retried by the intake. Never logs the answer: it contains secrets.
 */
@ApplicationScoped
public class RegistryClient {
    private final WebClient client;
    private final RegistryConfig config;

    RegistryClient(Vertx vertx, RegistryConfig config) {
        this.config = config;
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(2000));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The version, or a {@link DefinitionNotFoundException} failure when the registry does not know it. */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = DefinitionNotFoundException.class)
    public Uni<ActionVersion> fetch(String tenant, String assistant, String name, int version) {
        String key = tenant + "/" + assistant + "/" + name + "/versions/" + version;
        String url = stripSlash(config.url()) + "/internal/v1/actions/" + segment(tenant) + "/" + segment(assistant)
                + "/" + segment(name) + "/versions/" + version;
        var request = client.requestAbs(HttpMethod.GET, url).putHeader("accept", "application/json");
        config.token().ifPresent(token -> request.bearerTokenAuthentication(token));
        return request.send()
                .onFailure().transform(e -> new RegistryUnavailableException("registry unreachable: " + e, e))
                .map(response -> read(response, key));
    }

    private static ActionVersion read(HttpResponse<Buffer> response, String key) {
        int status = response.statusCode();
        if (status == 404) {
            throw new DefinitionNotFoundException(key);
        }
        if (status != 200) {
            // the body is not logged or kept: it is the registry's problem, not data we need
            throw new RegistryUnavailableException("registry answered HTTP " + status + " for " + key);
        }
        try {
            ActionVersion version = Json.mapper().readValue(response.bodyAsString(), ActionVersion.class);
            if (version.definition() == null) {
                throw new RegistryUnavailableException("registry answer for " + key + " has no definition");
            }
            return version;
        } catch (java.io.IOException e) {
            throw new RegistryUnavailableException("registry answer for " + key + " is not readable JSON");
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
