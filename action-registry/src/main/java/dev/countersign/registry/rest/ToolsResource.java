package dev.countersign.registry.rest;

import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.registry.domain.ToolExporter;
import dev.countersign.registry.service.ActionService;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An assistant's active actions as tool definitions for an LLM API (DESIGN §4). */
@Path("/v1/tools/{tenant}/{assistant}")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tools")
@SecurityRequirement(name = "bearer")
public class ToolsResource {
    private final ActionService actions;
    private final Caller caller;

    ToolsResource(ActionService actions, Caller caller) {
        this.actions = actions;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Export active actions as tools",
            description = "format=openai (strict function tools), anthropic ({name, description, input_schema}) or "
                    + "mcp (tools/list entries with annotations).")
    @APIResponse(responseCode = "200", description = "The tools document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "openai", value = OpenApiExamples.OPENAI_TOOLS)))
    public Uni<ToolExporter.Tools> tools(@PathParam("tenant") String tenant, @PathParam("assistant") String assistant,
            @QueryParam("format") @DefaultValue("openai") String format) {
        caller.requireTenant(tenant, "assistant");
        if (!ToolExporter.FORMATS.contains(format)) {
            throw new ProblemException(400, "unknown_format", "Unknown format",
                    "format must be one of " + ToolExporter.FORMATS + ".");
        }
        return actions.tools(tenant, assistant, format);
    }
}
