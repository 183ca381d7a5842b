package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.service.CredentialService;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

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
    private final CredentialService credentials;
    private final Caller caller;

    CredentialsResource(CredentialService credentials, Caller caller) {
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
    public Uni<RestResponse<CredentialSaved>> put(@PathParam("tenant") String tenant, @PathParam("name") String name,
            CredentialInput body) {
        caller.requireAdmin(tenant, "tenant");
        if (body == null) {
            throw ProblemException.malformed("A JSON body with the credential's value is required.");
        }
        return credentials.put(tenant, name, body.description(), body.value())
                .map(created -> RestResponse.status(created ? RestResponse.Status.CREATED : RestResponse.Status.OK,
                        new CredentialSaved(name, body.description())));
    }

    @GET
    @Operation(summary = "List the tenant's credentials (names and dates only)")
    public Uni<CredentialList> list(@PathParam("tenant") String tenant) {
        caller.requireTenant(tenant, "tenant");
        return credentials.list(tenant).map(CredentialList::new);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a credential")
    public Uni<RestResponse<Void>> delete(@PathParam("tenant") String tenant, @PathParam("name") String name) {
        caller.requireAdmin(tenant, "tenant");
        return credentials.delete(tenant, name).map(v -> RestResponse.noContent());
    }
}
