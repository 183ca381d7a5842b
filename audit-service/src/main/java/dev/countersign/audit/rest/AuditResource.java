package dev.countersign.audit.rest;

import dev.countersign.contracts.Roles;
import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.AuditQuery;
import dev.countersign.audit.service.AuditLog;
import dev.countersign.audit.service.ChainVerifier;
import dev.countersign.kit.security.Caller;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The audit log of the caller's tenant (DESIGN §7): a proposal's timeline, filtered queries, an NDJSON export
 * resumable by seq, and verification of the whole hash chain. Only a {@code countersign-auditor} or
 * {@code countersign-admin} may read it, and a caller only ever sees its own tenant's rows.
 */
@Path("/v1/audit")
@RolesAllowed({AuditResource.AUDITOR, Caller.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The caller is neither a countersign-auditor nor a countersign-admin")
public class AuditResource {
    /** Group that may read, export and verify its tenant's audit log (DESIGN §8). */
    static final String AUDITOR = Roles.AUDITOR;
    static final String NDJSON = "application/x-ndjson";

    private final AuditLog log;
    private final ChainVerifier verifier;
    private final Caller caller;

    AuditResource(AuditLog log, ChainVerifier verifier, Caller caller) {
        this.log = log;
        this.verifier = verifier;
        this.caller = caller;
    }

    @GET
    @Path("/proposals/{id}")
    @Operation(summary = "A proposal's whole timeline",
            description = "Every entry of the proposal (its subject or data.proposal_id is the id, including the "
                    + "submitted event whose id is the proposal id), in seq order. 404 when none is visible.")
    @APIResponse(responseCode = "200", description = "The timeline",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Timeline.class)))
    @APIResponse(responseCode = "404", description = "No entry of this proposal in the caller's tenant")
    public Uni<Timeline> timeline(@PathParam("id") String id) {
        return log.timeline(caller.tenant(), id).map(entries -> new Timeline(id, responses(entries)));
    }

    @GET
    @Operation(summary = "Query the tenant's audit log",
            description = "Entries in seq order matching every filter given. since/until bound recorded_at "
                    + "(since inclusive, until exclusive, RFC 3339). Page with after_seq = next_after_seq.")
    @APIResponse(responseCode = "200", description = "One page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "422", description = "A filter is not valid; every problem is listed in errors")
    public Uni<AuditPage> query(
            @Parameter(description = "Forced to the caller's tenant; another tenant's name matches nothing")
            @QueryParam("tenant") String tenant,
            @QueryParam("proposal_id") String proposalId,
            @QueryParam("conversation_id") String conversationId,
            @QueryParam("actor") String actor,
            @QueryParam("type") String type,
            @Parameter(description = "RFC 3339; entries recorded at or after", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("since") String since,
            @Parameter(description = "RFC 3339; entries recorded before", schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("until") String until,
            @Parameter(description = "Entries with a greater seq", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "Page size, 1..1000, default 100", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("limit") String limit) {
        String own = caller.tenant();
        AuditQuery query = AuditQuery.of(own, proposalId, conversationId, actor, type, since, until, afterSeq, limit);
        if (tenant != null && !tenant.isEmpty() && !tenant.equals(own)) {
            // another tenant's rows do not exist for this caller
            return Uni.createFrom().item(new AuditPage(List.of(), null));
        }
        return log.query(query).map(items -> new AuditPage(responses(items), query.nextAfterSeq(items)));
    }

    @GET
    @Path("/verify")
    @Operation(summary = "Verify the hash chain",
            description = "Recomputes every entry's hash in seq order from genesis to the current head. Answers "
                    + "{ok: true, checked} or {ok: false, first_broken_seq, checked}.")
    @APIResponse(responseCode = "200", description = "The verification result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyReport.class)))
    public Uni<VerifyReport> verify() {
        return verifier.verify().map(r -> new VerifyReport(r.ok(), r.firstBrokenSeq(), r.checked()));
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the tenant's entries as NDJSON",
            description = "One entry per line in seq order with after_seq < seq <= until_seq, read one page at a "
                    + "time; resume an interrupted export with after_seq = the last seq received.")
    @APIResponse(responseCode = "200", description = "application/x-ndjson, one entry per line",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = EntryResponse.class)))
    @APIResponse(responseCode = "422", description = "after_seq or until_seq is not valid")
    public Multi<EntryResponse> export(
            @Parameter(description = "Entries with a greater seq", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "Entries up to and including this seq", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("until_seq") String untilSeq) {
        // Read the tenant now: the stream is pulled after this request-scoped method returned.
        return log.export(caller.tenant(), afterSeq, untilSeq).map(EntryResponse::of);
    }

    private static List<EntryResponse> responses(List<AuditEntry> entries) {
        return entries.stream().map(EntryResponse::of).toList();
    }
}
