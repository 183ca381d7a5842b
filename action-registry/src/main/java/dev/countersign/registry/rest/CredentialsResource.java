package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.domain.Credentials;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Outbound credentials a definition references by name in {@code execution.auth.credential}. Values are
 * write-only: they are encrypted at rest and never returned.
 */
@Path("/v1/credentials/{tenant}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "credentials")
@SecurityRequirement(name = "bearer")
public class CredentialsResource {
    private final Credentials credentials;
    private final Caller caller;

    CredentialsResource(Credentials credentials, Caller caller) {
        this.credentials = credentials;
        this.caller = caller;
    }

    /** Body of a PUT. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CredentialInput(String value, String description) {
        @Override
        public String toString() {
            return "CredentialInput[description=" + description + "]";
        }
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Create or replace a credential (write-only)")
    public Uni<Response> put(@PathParam("tenant") String tenant, @PathParam("name") String name, CredentialInput body) {
        caller.requireAdmin(tenant, "tenant");
        if (body == null) {
            throw ProblemException.malformed("A JSON body with the credential's value is required.");
        }
        return credentials.put(tenant, name, body.description(), body.value()).map(created -> {
            ObjectNode out = Json.mapper().createObjectNode().put("name", name);
            if (body.description() != null) {
                out.put("description", body.description());
            }
            return Response.status(created ? 201 : 200).entity(out).build();
        });
    }

    @GET
    @Operation(summary = "List the tenant's credentials (names and dates only)")
    public Uni<ObjectNode> list(@PathParam("tenant") String tenant) {
        caller.requireTenant(tenant, "tenant");
        return credentials.list(tenant).map(list -> {
            ObjectNode out = Json.mapper().createObjectNode();
            var items = out.putArray("items");
            for (var c : list) {
                var item = items.addObject().put("name", c.name()).put("created_at", c.createdAt().toInstant().toString())
                        .put("updated_at", c.updatedAt().toInstant().toString());
                if (c.description() != null) {
                    item.put("description", c.description());
                }
            }
            return out;
        });
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a credential")
    public Uni<Response> delete(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        caller.requireAdmin(tenant, "tenant");
        return credentials.delete(tenant, name).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("credential not found");
            }
            return Response.noContent().build();
        });
    }
}
