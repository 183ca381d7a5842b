package dev.countersign.executor.client;

import dev.countersign.contracts.internal.ActionVersion;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The action registry's internal endpoint as a typed REST client; its base URL is {@code quarkus.rest-client.registry.url}
 * (set from {@code countersign.registry.url}). Used only through {@link RegistryClient}, which adds the token,
 * fault tolerance, caching and the error mapping.
 */
@RegisterRestClient(configKey = "registry")
@Path("/internal/v1/actions")
@Produces(MediaType.APPLICATION_JSON)
public interface RegistryApi {

    /** A pinned definition version with the action's signing keys and the credential its execution names. */
    @GET
    @Path("/{tenant}/{assistant}/{name}/versions/{version}")
    Uni<ActionVersion> version(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name, @PathParam("version") int version,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /**
     * Every non-2xx answer becomes a {@link RegistryStatusException} carrying only the status: the body is never
     * read, so nothing the registry says (it may echo secrets of a misrouted call) ends up in an exception or a log.
     */
    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return new RegistryStatusException(response.getStatus(),
                response.getStatus() == 404 ? problemCode(response) : null);
    }

    /**
     * The {@code code} of a 404 problem, which tells "no such version" ({@link ActionVersion#NOT_FOUND}) from a
     * wrong URL. Only that member is kept, and only from a small body.
     */
    private static String problemCode(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.length() > 4096) {
                return null;
            }
            var code = dev.countersign.contracts.Json.mapper().readTree(body).path("code");
            return code.isTextual() ? code.asText() : null;
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    /** The registry answered with a status other than 2xx. */
    final class RegistryStatusException extends RuntimeException {
        private final int status;

        private final String code;

        RegistryStatusException(int status, String code) {
            super("registry answered HTTP " + status, null, false, false);
            this.status = status;
            this.code = code;
        }

        /** The problem code of a 404, or null. */
        public String code() {
            return code;
        }

        /** The HTTP status of the answer. */
        public int status() {
            return status;
        }
    }
}
