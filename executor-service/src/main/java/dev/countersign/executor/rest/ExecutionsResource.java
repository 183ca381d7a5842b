package dev.countersign.executor.rest;

import dev.countersign.executor.service.ExecutionService;
import dev.countersign.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The execution record of a proposal in the caller's tenant; another tenant's proposal is not found. */
@Path("/v1/executions")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "executions")
@SecurityRequirement(name = "bearer")
public class ExecutionsResource {
    private final ExecutionService executions;
    private final Caller caller;

    ExecutionsResource(ExecutionService executions, Caller caller) {
        this.executions = executions;
        this.caller = caller;
    }

    @GET
    @Path("/{proposal_id}")
    @Operation(summary = "State of a proposal's execution: state, attempts, last HTTP status, webhook id, result")
    public Uni<ExecutionView> get(@PathParam("proposal_id") String proposalId) {
        return executions.find(caller.tenant(), proposalId).map(ExecutionView::of);
    }
}
