package dev.countersign.proposal.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.contracts.events.RejectionCodes;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.proposal.domain.Outcome;
import dev.countersign.proposal.domain.ProposalIntake;
import dev.countersign.proposal.domain.Submission;
import dev.countersign.proposal.persistence.ProposalRepository;
import dev.countersign.proposal.persistence.ProposalRepository.ProposalRow;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HTTP intake of proposals (DESIGN §2): the same data as {@code proposal.submitted} plus an optional
 * {@code proposal_id} idempotency key, through the same {@link ProposalIntake} path as Kafka.
 */
@Path("/v1/proposals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "proposals")
@SecurityRequirement(name = "bearer")
public class ProposalsResource {
    private final ProposalIntake intake;
    private final ProposalRepository repository;
    private final Caller caller;

    ProposalsResource(ProposalIntake intake, ProposalRepository repository, Caller caller) {
        this.intake = intake;
        this.repository = repository;
        this.caller = caller;
    }

    /** The 202 body. */
    public record Accepted(@com.fasterxml.jackson.annotation.JsonProperty("proposal_id") String proposalId) {
    }

    @POST
    @Operation(summary = "Submit a proposal", description = "Takes the data of dev.countersign.proposal.submitted "
            + "plus an optional proposal_id (the idempotency key; generated when absent). tenant defaults to the "
            + "caller's. Answers 202 {proposal_id} when accepted (also for an identical retry) or 422 problem "
            + "details with the rejection's code, message and errors; either way the outcome is published on "
            + "countersign.validations.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "422", description = "Rejected: code, message and errors of the rejection")
    public Uni<Response> submit(ObjectNode body) {
        if (body == null) {
            throw ProblemException.malformed("A JSON proposal is required.");
        }
        ObjectNode data = body.deepCopy();
        String proposalId = proposalId(data.remove("proposal_id"));
        JsonNode tenant = data.get("tenant");
        if (tenant == null || tenant.isNull()) {
            data.put("tenant", caller.tenant());
        } else if (!tenant.isTextual() || !tenant.asText().equals(caller.tenant())) {
            throw ProblemException.forbidden("You may only submit proposals for your own tenant.");
        }
        return intake.submit(new Submission(proposalId, data, Submission.HTTP, Submission.HTTP))
                .map(ProposalsResource::respond);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a proposal's intake outcome",
            description = "accepted (with action_version, approval_mode, expires_at) or rejected (with code, "
                    + "message, errors). Later stages (approval, execution) are answered by their own services.")
    @APIResponse(responseCode = "200", description = "The proposal's intake outcome")
    @APIResponse(responseCode = "404", description = "No such proposal in the caller's tenant")
    public Uni<ProposalStatus> get(@PathParam("id") String id) {
        return repository.find(caller.tenant(), id).map(row -> {
            if (row == null) {
                throw ProblemException.notFound("proposal not found");
            }
            return status(row);
        });
    }

    private static String proposalId(JsonNode given) {
        if (given == null || given.isNull()) {
            return UUID.randomUUID().toString();
        }
        // Refused without an event, like on Kafka (see Submission.usableId).
        if (!given.isTextual() || !Submission.usableId(given.asText())) {
            throw new ProblemException(422, RejectionCodes.MALFORMED, "Invalid request",
                    "proposal_id must be a non-empty string of at most " + Submission.MAX_PROPOSAL_ID_LENGTH
                            + " characters without U+0000.",
                    List.of(new FieldError("proposal_id", "invalid", "The proposal id must be a non-empty string of at "
                            + "most " + Submission.MAX_PROPOSAL_ID_LENGTH + " characters without U+0000.")), Map.of());
        }
        return given.asText();
    }

    private static Response respond(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return Response.accepted(new Accepted(accepted.proposalId())).type(MediaType.APPLICATION_JSON).build();
        }
        ProposalRejected r = ((Outcome.Rejected) outcome).event();
        throw rejected(r);
    }

    private static ProblemException rejected(ProposalRejected r) {
        Map<String, Object> extensions = new HashMap<>();
        extensions.put("message", r.message());
        extensions.put("proposal_id", r.proposalId());
        if (r.retryAfterSeconds() != null) {
            extensions.put("retry_after_seconds", r.retryAfterSeconds());
        }
        return new ProblemException(422, r.code(), "Proposal rejected", r.message(), r.errors(), extensions);
    }

    private static ProposalStatus status(ProposalRow row) {
        String message = null;
        List<FieldError> errors = null;
        if ("rejected".equals(row.status())) {
            try {
                ProposalRejected r = Json.mapper().readValue(row.outcome(), ProposalRejected.class);
                message = r.message();
                errors = r.errors();
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored outcome of " + row.proposalId() + " is unreadable", e);
            }
        }
        return new ProposalStatus(row.proposalId(), row.tenant(), row.assistant(), row.action(), row.conversationId(),
                row.status(), row.code(), message, errors, row.actionVersion(), row.approvalMode(), row.expiresAt(),
                row.submittedAt());
    }
}
