package dev.countersign.approval.rest;

import dev.countersign.contracts.Roles;
import dev.countersign.approval.domain.ApprovalState;
import dev.countersign.approval.service.ApprovalService;
import dev.countersign.kit.rest.Problem;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
 * The approvals of the caller's tenant: one proposal's approval, or a page of them filtered by state. Only
 * approvers read them (group {@code approver}, or {@code countersign-admin}); any other token answers 403.
 */
@Path("/v1/approvals")
// Until policies name their own roles (a later issue checks those per proposal in the service), the generic
// approver role and tenant admins are the ones who may see what awaits a decision.
@RolesAllowed({ApprovalsResource.APPROVER, Caller.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "approvals")
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        bearerFormat = "JWT", description = "A JWT with the caller's tenant and groups claims.")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The token is neither an approver's nor a countersign-admin's.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ApprovalsResource {
    /** The group of those who may read, and later decide, their tenant's approvals (DESIGN §8). */
    public static final String APPROVER = Roles.APPROVER;
    static final int MAX_LIMIT = 500;

    private final ApprovalService service;
    private final Caller caller;

    ApprovalsResource(ApprovalService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Path("/{proposal_id}")
    @Operation(summary = "Read one proposal's approval",
            description = "Its state (awaiting, approved, denied, expired), approval_mode, who is required, "
                    + "decided_by and expires_at. Another tenant's proposal answers 404, as if it did not exist.")
    @APIResponse(responseCode = "200", description = "The approval.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApprovalResponse.class)))
    @APIResponse(responseCode = "404", description = "The caller's tenant has no approval for this proposal.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalResponse> get(@PathParam("proposal_id") String proposalId) {
        return service.find(caller.tenant(), proposalId).map(ApprovalResponse::of);
    }

    @GET
    @Operation(summary = "List the tenant's approvals",
            description = "Ordered by proposal_id. Pass the answer's next_after as ?after= for the next page.")
    @APIResponse(responseCode = "200", description = "A page of approvals.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApprovalPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown state or a limit out of range.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ApprovalPage> list(
            @Parameter(description = "Only approvals in this state.",
                    schema = @Schema(enumeration = {"awaiting", "approved", "denied", "expired"}))
            @QueryParam("state") String state,
            @Parameter(description = "Page size, 1 to 500.") @QueryParam("limit") @DefaultValue("50") int limit,
            @Parameter(description = "The next_after of the previous page.") @QueryParam("after") String after) {
        ApprovalState wanted = state == null ? null : ApprovalState.parse(state);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.malformed("limit must be 1.." + MAX_LIMIT + ".");
        }
        return service.page(caller.tenant(), wanted, after, limit).map(rows -> new ApprovalPage(
                rows.stream().map(ApprovalResponse::of).toList(),
                rows.size() == limit ? rows.get(rows.size() - 1).proposalId : null));
    }
}
