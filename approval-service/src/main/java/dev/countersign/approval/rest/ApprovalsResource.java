package dev.countersign.approval.rest;

import dev.countersign.approval.domain.ApprovalFilter;
import dev.countersign.approval.domain.ApprovalStatus;
import dev.countersign.approval.domain.Channels;
import dev.countersign.approval.domain.Decision;
import dev.countersign.approval.domain.DecisionCommand;
import dev.countersign.approval.domain.Viewer;
import dev.countersign.approval.service.ApprovalQueries;
import dev.countersign.approval.service.DecisionService;
import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The approvals of the caller's tenant (DESIGN §4b): read them, approve (optionally with edits), deny, or decide
 * many at once. Any token of the tenant may call; who may decide is the policy's to say (403 {@code not_eligible}),
 * and what one may read depends on the policy and the caller's groups. Thin: the rules live in the service.
 */
@Path("/v1/approvals")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A JWT with the caller's tenant and groups claims.")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ApprovalsResource {
    /** The largest bulk request. */
    static final int MAX_BULK = 500;

    private final ApprovalQueries queries;
    private final DecisionService decisions;
    private final Caller caller;

    ApprovalsResource(ApprovalQueries queries, DecisionService decisions, Caller caller) {
        this.queries = queries;
        this.decisions = decisions;
        this.caller = caller;
    }

    private Viewer viewer() {
        return new Viewer(caller.tenant(), caller.id(), caller.groups());
    }

    @GET
    @Path("/{proposal_id}")
    @Operation(summary = "Read one proposal's approval",
            description = "Its status (pending, approved, denied, expired), the proposal, proposed_parameters and the "
                    + "effective parameters, dry_run, who is required, every decision, expires_at and the digest "
                    + "approvals are bound to. Readable as lists show it: by countersign-admin and countersign-auditor "
                    + "(the whole tenant), otherwise only by whom its policy names and by whoever decided it; "
                    + "otherwise, like another tenant's, 404.")
    @APIResponse(responseCode = "200", description = "The approval.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalResponse.class)))
    @APIResponse(responseCode = "404", description = "No approval of this proposal the caller may see.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalResponse> get(@PathParam("proposal_id") String proposalId) {
        Viewer viewer = viewer();
        return queries.find(viewer, proposalId).map(v -> ApprovalResponse.of(v, viewer));
    }

    @GET
    @Operation(summary = "List the tenant's approvals",
            description = "With status=pending only what the caller may decide now (eligible role or end user, not "
                    + "the proposer under forbid_self_approval, not already decided by the caller). Otherwise admins "
                    + "and auditors see the whole tenant's, others those they are named for or decided. Ordered by "
                    + "proposal_id; pass next_after as ?after= for the next page.")
    @APIResponse(responseCode = "200", description = "A page of approvals.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown status or a limit out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalPage> list(
            @Parameter(description = "Only approvals with this status.",
                    schema = @Schema(enumeration = {"pending", "approved", "denied", "expired"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only this assistant's.") @QueryParam("assistant") String assistant,
            @Parameter(description = "Only this action's.") @QueryParam("action") String action,
            @Parameter(description = "The next_after of the previous page.") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 500.") @QueryParam("limit") @DefaultValue("50") int limit) {
        ApprovalStatus wanted = status == null || status.isBlank() ? null : ApprovalStatus.parse(status);
        if (limit < 1 || limit > ApprovalFilter.MAX_LIMIT) {
            throw ProblemException.malformed("limit must be 1.." + ApprovalFilter.MAX_LIMIT + ".");
        }
        Viewer viewer = viewer();
        return queries.list(viewer, new ApprovalFilter(wanted, blankToNull(assistant), blankToNull(action),
                        blankToNull(after), limit))
                .map(views -> new ApprovalPage(views.stream().map(v -> ApprovalResponse.of(v, viewer)).toList(),
                        views.size() == limit ? views.get(views.size() - 1).proposalId() : null));
    }

    @POST
    @Path("/{proposal_id}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve, optionally with edits",
            description = "Counts the caller's approval of the current digest; the proposal is approved when its "
                    + "quorum of distinct approvers is reached. parameters replaces the effective parameters: "
                    + "validated against the pinned schema, the approval rules evaluated again over them (an edit "
                    + "that routes the proposal to a role or end user the caller is not is refused not_eligible and "
                    + "changes nothing; otherwise required follows the new rule), a new revision and digest (and in "
                    + "dry_run_first a new dry run), and earlier approvals no longer count, even when later edits "
                    + "return to the same parameters. digest, when given, must be the current one.")
    @APIResponse(responseCode = "200", description = "The approval afterwards.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalResponse.class)))
    @APIResponse(responseCode = "403", description = "not_eligible: wrong role, self-approval, not the end user, "
            + "or an edit that routes the proposal to someone else.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such approval in the caller's tenant.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already_decided, expired, stale_digest or dry_run_pending.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "invalid_parameters: the edit breaks the schema (errors[]).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalResponse> approve(@PathParam("proposal_id") String proposalId,
            DecisionRequests.Approve body) {
        Viewer viewer = viewer();
        DecisionRequests.Approve b = body == null ? new DecisionRequests.Approve(null, null, null) : body;
        return decisions.decide(new DecisionCommand(viewer.tenant(), proposalId, viewer, Decision.APPROVE,
                Channels.REST, b.comment(), b.parameters(), b.digest())).map(v -> ApprovalResponse.of(v, viewer));
    }

    @POST
    @Path("/{proposal_id}/deny")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deny", description = "Any eligible denial denies the proposal (proposal.denied with the "
            + "reason), also one by an approver who approved it before.")
    @APIResponse(responseCode = "200", description = "The approval afterwards.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalResponse.class)))
    @APIResponse(responseCode = "403", description = "not_eligible.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such approval in the caller's tenant.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "already_decided, expired or stale_digest.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalResponse> deny(@PathParam("proposal_id") String proposalId, DecisionRequests.Deny body) {
        Viewer viewer = viewer();
        DecisionRequests.Deny b = body == null ? new DecisionRequests.Deny(null, null) : body;
        return decisions.decide(DecisionCommand.deny(viewer, proposalId, Channels.REST, b.reason(), b.digest()))
                .map(v -> ApprovalResponse.of(v, viewer));
    }

    @POST
    @Path("/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Decide many at once",
            description = "Each item is decided on its own, in order, exactly as the single endpoints would; one "
                    + "item's refusal never fails the others. Answers 200 with a result per item: the approval's "
                    + "status afterwards, or refused with the problem.")
    @APIResponse(responseCode = "200", description = "One result per item.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DecisionRequests.BulkAnswer.class)))
    @APIResponse(responseCode = "400", description = "No items, or more than 500.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DecisionRequests.BulkAnswer> bulk(DecisionRequests.Bulk body) {
        if (body == null || body.items() == null || body.items().isEmpty()) {
            throw ProblemException.malformed("items must list at least one decision.");
        }
        if (body.items().size() > MAX_BULK) {
            throw ProblemException.malformed("items may list at most " + MAX_BULK + " decisions.");
        }
        Viewer viewer = viewer();
        // One after the other: each item is its own transaction, and order is the caller's.
        return Multi.createFrom().iterable(body.items())
                .onItem().transformToUniAndConcatenate(item -> decideOne(viewer, item))
                .collect().asList()
                .map(DecisionRequests.BulkAnswer::new);
    }

    private Uni<DecisionRequests.BulkResult> decideOne(Viewer viewer, DecisionRequests.BulkItem item) {
        String id = item == null ? null : item.proposalId();
        return Uni.createFrom().deferred(() -> {
                    if (id == null || id.isBlank()) {
                        throw ProblemException.malformed("proposal_id is missing.");
                    }
                    Decision decision = Decision.parse(item.decision());
                    return decisions.decide(new DecisionCommand(viewer.tenant(), id, viewer, decision, Channels.REST,
                            item.comment(), null, item.digest()));
                })
                .map(v -> new DecisionRequests.BulkResult(id, v.status().wire(), null))
                .onFailure().recoverWithItem(f -> new DecisionRequests.BulkResult(id, "refused", Problems.of(f)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
