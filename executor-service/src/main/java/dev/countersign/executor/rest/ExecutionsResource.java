package dev.countersign.executor.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.executor.persistence.ExecutionRepository;
import dev.countersign.kit.rest.ProblemException;
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
    private final ExecutionRepository repository;
    private final Caller caller;

    ExecutionsResource(ExecutionRepository repository, Caller caller) {
        this.repository = repository;
        this.caller = caller;
    }

    @GET
    @Path("/{proposal_id}")
    @Operation(summary = "State of a proposal's execution: state, attempts, last HTTP status, webhook id, result")
    public Uni<ObjectNode> get(@PathParam("proposal_id") String proposalId) {
        return repository.find(caller.tenant(), proposalId).map(record -> {
            if (record == null) {
                throw ProblemException.notFound("execution not found");
            }
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("proposal_id", record.proposalId());
            out.put("tenant", record.tenant());
            out.put("action", record.action());
            out.put("action_version", record.actionVersion());
            out.put("state", record.state().value());
            out.put("attempts", record.attempts());
            if (record.httpStatus() != null) {
                out.put("http_status", record.httpStatus());
            }
            out.put("webhook_id", record.webhookId());
            if (record.result() != null) {
                out.set("result", readTree(record.result()));
            }
            out.put("created_at", record.createdAt().toInstant().toString());
            out.put("updated_at", record.updatedAt().toInstant().toString());
            if (record.completedAt() != null) {
                out.put("completed_at", record.completedAt().toInstant().toString());
            }
            return out;
        });
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored result is unreadable", e);
        }
    }
}
