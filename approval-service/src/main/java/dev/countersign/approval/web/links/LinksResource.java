package dev.countersign.approval.web.links;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * Issues signed one-time links (DESIGN §4b) for email or chat buttons: an approve and a deny URL bound to one
 * proposal, one approver and the approval's current digest, valid for {@code countersign.approval.links.ttl}
 * (never past the proposal's expiry) and usable once.
 */
@Path("/v1/approvals/{proposal_id}/links")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
@SecurityRequirement(name = "bearer")
public class LinksResource {
    private final LinkService links;
    private final Caller caller;

    LinksResource(LinkService links, Caller caller) {
        this.links = links;
        this.caller = caller;
    }

    /** Whom the links are for. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinkRequest(
            @Schema(description = "The subject (token sub) of the approver the links decide as.", required = true)
            String approver) {
    }

    /** The two links and their deadline. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinkPair(
            @Schema(description = "Opens a confirmation page whose button approves.") String approveUrl,
            @Schema(description = "Opens a confirmation page whose button denies.") String denyUrl,
            Instant expiresAt) {
    }

    @POST
    @ResponseStatus(201)
    @Operation(summary = "Issue one-time approve and deny links for an approver",
            description = "By a countersign-admin of the tenant, or by that approver themselves. GET on a link shows "
                    + "a confirmation page and decides nothing (link scanners prefetch URLs); the page's form POSTs "
                    + "to the same URL and decides, once. When an admin issues links for someone else, eligibility "
                    + "is evaluated with the approval's required role (the admin vouches) and the admin is "
                    + "accountable: the decision records issued_by, the quorum counts the admin (links one admin "
                    + "issued count once), and under forbid_self_approval an admin who is the proposal's user or "
                    + "submitter may not vouch. When approvers ask for their own, their own groups apply and the "
                    + "decision counts as theirs.")
    @APIResponse(responseCode = "201", description = "The links.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LinkPair.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "forbidden: neither a countersign-admin nor the approver; "
            + "not_eligible: the approver may not decide this proposal, or the issuing admin may not vouch for it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown proposal, or another tenant's.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already_decided, expired or dry_run_pending.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "No approver named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<LinkPair> issue(@PathParam("proposal_id") String proposalId, LinkRequest request) {
        Viewer viewer = new Viewer(caller.tenant(), caller.id(), caller.groups());
        return links.issue(viewer, proposalId, request == null ? null : request.approver())
                .map(issued -> new LinkPair(issued.approveUrl(), issued.denyUrl(), issued.expiresAt()));
    }
}
