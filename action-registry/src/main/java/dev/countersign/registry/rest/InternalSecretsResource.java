package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.persistence.ActionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the executor needs to deliver a pinned version: the definition and the signing secrets currently
 * valid. Only for callers in the {@code countersign-service} group; secrets never travel on Kafka.
 */
@Path("/internal/v1/actions/{tenant}/{assistant}/{name}/versions/{version}")
@RolesAllowed(Caller.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal")
public class InternalSecretsResource {
    private final ActionRepository repository;

    InternalSecretsResource(ActionRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Definition version and active signing secrets, for the executor")
    public Uni<ObjectNode> get(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name, @PathParam("version") int version) {
        return repository.find(tenant, assistant, name, version).flatMap(d -> {
            if (d == null) {
                throw ProblemException.notFound("action version not found");
            }
            return repository.activeSecrets(tenant, assistant, name).map(secrets -> {
                ObjectNode out = Json.mapper().createObjectNode();
                out.set("definition", Json.mapper().valueToTree(d));
                out.set("signing_secrets", Json.mapper().valueToTree(secrets));
                return out;
            });
        });
    }
}
