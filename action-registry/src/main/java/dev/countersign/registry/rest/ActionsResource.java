package dev.countersign.registry.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.domain.ActionId;
import dev.countersign.registry.domain.DefinitionReader;
import dev.countersign.registry.domain.Definitions;
import dev.countersign.registry.service.ActionService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Objects;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Action definitions of the caller's tenant (DESIGN §4). */
@Path("/v1/actions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "actions")
@SecurityRequirement(name = "bearer")
public class ActionsResource {
    private final ActionService service;
    private final Caller caller;

    ActionsResource(ActionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an action", description = "Stores version 1 and answers 201 with the definition and, "
            + "this once only, its webhook signing_secret (whsec_..., Standard Webhooks v1) and signing_public_key "
            + "(whpk_..., v1a).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActionDefinition.class),
            examples = @ExampleObject(name = "webhook action", value = OpenApiExamples.DEFINITION)))
    @APIResponse(responseCode = "201", description = "Created; the signing keys are shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "created", value = OpenApiExamples.CREATED)))
    @APIResponse(responseCode = "422", description = "Every problem of the definition, with field paths",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "invalid", value = OpenApiExamples.INVALID)))
    @APIResponse(responseCode = "409", description = "The action exists; PUT a new version instead")
    public Uni<RestResponse<CreatedAction>> create(JsonNode body) {
        ActionDefinition read = DefinitionReader.read(body);
        ActionDefinition input = read.tenant() != null ? read
                : Definitions.input(read, new ActionId(caller.tenant(), read.assistant(), read.name()));
        caller.requireAdmin(input.tenant(), "tenant");
        return service.create(input, caller.id()).map(saved -> NoStore.created(
                URI.create("/v1/actions/" + Definitions.id(saved.definition()).key()), CreatedAction.of(saved)));
    }

    @GET
    @Operation(summary = "List the latest version of the tenant's actions")
    public Uni<ActionPage> list(@QueryParam("assistant") String assistant, @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw ProblemException.malformed("limit must be 1..500 and offset at least 0.");
        }
        return service.list(caller.tenant(), assistant, status, limit, offset)
                .map(items -> new ActionPage(items, items.size() == limit ? offset + limit : null));
    }

    @GET
    @Path("/{tenant}/{assistant}/{name}")
    @Operation(summary = "Read an action: the latest version, or ?version=n")
    public Uni<ActionDefinition> get(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name, @QueryParam("version") Integer version) {
        caller.requireTenant(tenant, "action");
        return service.find(new ActionId(tenant, assistant, name), version);
    }

    @PUT
    @Path("/{tenant}/{assistant}/{name}")
    @Operation(summary = "Publish a new version of an action")
    public Uni<ActionDefinition> update(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActionDefinition.class),
                    examples = @ExampleObject(name = "new version", value = OpenApiExamples.DEFINITION)))
            JsonNode body) {
        caller.requireAdmin(tenant, "action");
        ActionDefinition b = DefinitionReader.read(body);
        if (!matches(b.tenant(), tenant) || !matches(b.assistant(), assistant) || !matches(b.name(), name)) {
            throw ProblemException.malformed("tenant, assistant and name in the body must match the path.");
        }
        return service.update(Definitions.input(b, new ActionId(tenant, assistant, name)), caller.id())
                .map(ActionService.Saved::definition);
    }

    @DELETE
    @Path("/{tenant}/{assistant}/{name}")
    @Operation(summary = "Retire an action: no new proposals, history stays")
    public Uni<RestResponse<Void>> retire(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @PathParam("name") String name) {
        caller.requireAdmin(tenant, "action");
        return service.retire(new ActionId(tenant, assistant, name)).map(v -> RestResponse.noContent());
    }

    private static boolean matches(String inBody, String inPath) {
        return inBody == null || Objects.equals(inBody, inPath);
    }
}
