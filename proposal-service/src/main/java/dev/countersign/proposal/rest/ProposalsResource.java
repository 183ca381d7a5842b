package dev.countersign.proposal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import dev.countersign.proposal.domain.Outcome;
import dev.countersign.proposal.domain.Submitter;
import dev.countersign.proposal.service.ProposalService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * HTTP intake of proposals (DESIGN §2): the same data as {@code proposal.submitted} plus an optional
 * {@code proposal_id} idempotency key, through the same intake as Kafka. Submitting needs
 * {@code countersign-submitter} or {@code countersign-admin}; reading also allows {@code countersign-auditor}.
 */
@Path("/v1/proposals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "proposals")
@SecurityRequirement(name = "bearer")
public class ProposalsResource {
    private final ProposalService proposals;
    private final Caller caller;
    private final JsonWebToken jwt;

    ProposalsResource(ProposalService proposals, Caller caller, JsonWebToken jwt) {
        this.proposals = proposals;
        this.caller = caller;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed({Submitter.SUBMITTER, Submitter.ADMIN})
    @Operation(summary = "Submit a proposal", description = "Takes the data of dev.countersign.proposal.submitted "
            + "plus an optional proposal_id (the idempotency key; generated when absent). tenant defaults to the "
            + "caller's. Needs countersign-submitter (a token with an assistant claim may only submit for that "
            + "assistant) or countersign-admin of the tenant. Answers 202 {proposal_id} when accepted (also for an "
            + "identical retry) or 422 problem details with the rejection's code, message and errors; either way "
            + "the outcome is published on countersign.validations, with the token's subject as submitted_by.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "403", description = "Not a submitter or admin, another tenant, or another assistant "
            + "than the token is bound to")
    @APIResponse(responseCode = "422", description = "Rejected: code, message and errors of the rejection")
    public Uni<Response> submit(JsonNode body) {
        return proposals.submit(body, submitter()).map(ProposalsResource::respond);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Submitter.SUBMITTER, Submitter.ADMIN, Submitter.AUDITOR})
    @Operation(summary = "Read a proposal's intake outcome",
            description = "accepted (with action_version, approval_mode, expires_at) or rejected (with code, "
                    + "message, errors). Needs countersign-submitter, countersign-admin or countersign-auditor of "
                    + "the tenant; a submitter bound to one assistant sees only that assistant's proposals. Later "
                    + "stages (approval, execution) are answered by their own services.")
    @APIResponse(responseCode = "200", description = "The proposal's intake outcome")
    @APIResponse(responseCode = "404", description = "No such proposal that the caller may see")
    public Uni<ProposalStatus> get(@PathParam("id") String id) {
        return proposals.find(submitter(), id).map(ProposalStatus::of);
    }

    private Submitter submitter() {
        Object assistant = jwt.getClaim(Submitter.ASSISTANT_CLAIM);
        String bound = assistant == null ? null
                : assistant instanceof JsonString text ? text.getString() : assistant.toString();
        return new Submitter(caller.id(), caller.tenant(), caller.groups(), bound);
    }

    private static Response respond(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return Response.accepted(new SubmitAnswer(accepted.proposalId())).type(MediaType.APPLICATION_JSON).build();
        }
        throw rejected(((Outcome.Rejected) outcome).event());
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
}
