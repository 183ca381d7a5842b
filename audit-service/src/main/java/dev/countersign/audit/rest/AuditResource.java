package dev.countersign.audit.rest;

import dev.countersign.audit.config.AuditConfig;
import dev.countersign.audit.domain.AuditEntry;
import dev.countersign.audit.domain.ChainVerifier;
import dev.countersign.audit.persistence.AuditRepository;
import dev.countersign.audit.persistence.AuditRepository.Filter;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.rest.ProblemException;
import dev.countersign.kit.security.Caller;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 * resumable by seq, and verification of the whole hash chain. A caller only ever sees its own tenant's rows.
 */
@Path("/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "bearer")
public class AuditResource {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final String NDJSON = "application/x-ndjson";

    private final AuditRepository repository;
    private final ChainVerifier verifier;
    private final AuditConfig config;
    private final Caller caller;

    AuditResource(AuditRepository repository, ChainVerifier verifier, AuditConfig config, Caller caller) {
        this.repository = repository;
        this.verifier = verifier;
        this.config = config;
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
        return repository.timeline(caller.tenant(), id).map(entries -> {
            if (entries.isEmpty()) {
                throw ProblemException.notFound("proposal not found in the audit log");
            }
            return new Timeline(id, entries);
        });
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
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant("since", since, errors);
        Instant to = instant("until", until, errors);
        long after = number("after_seq", afterSeq, 0, 0, Long.MAX_VALUE, errors);
        int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("A query parameter is not valid.", errors);
        }
        String own = caller.tenant();
        if (tenant != null && !tenant.isEmpty() && !tenant.equals(own)) {
            // another tenant's rows do not exist for this caller
            return Uni.createFrom().item(new AuditPage(List.of(), null));
        }
        Filter filter = new Filter(own, blankToNull(proposalId), blankToNull(conversationId), blankToNull(actor),
                blankToNull(type), from, to, after, null, size);
        return repository.find(filter).map(items -> new AuditPage(items,
                items.size() == size ? items.get(items.size() - 1).seq() : null));
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Verify the hash chain",
            description = "Recomputes every entry's hash in seq order from genesis to the current head. Answers "
                    + "{ok: true, checked} or {ok: false, first_broken_seq, checked}. countersign-admin only.")
    @APIResponse(responseCode = "200", description = "The verification result",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VerifyReport.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a countersign-admin")
    public Uni<VerifyReport> verify() {
        return verifier.verify().map(r -> new VerifyReport(r.ok(), r.firstBrokenSeq(), r.checked()));
    }

    @GET
    @Path("/export")
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export the tenant's entries as NDJSON",
            description = "One entry per line in seq order with after_seq < seq <= until_seq; resume an interrupted "
                    + "export with after_seq = the last seq received.")
    @APIResponse(responseCode = "200", description = "application/x-ndjson, one entry per line",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEntry.class)))
    public Multi<AuditEntry> export(
            @Parameter(description = "Entries with a greater seq", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("after_seq") String afterSeq,
            @Parameter(description = "Entries up to and including this seq", schema = @Schema(type = SchemaType.INTEGER))
            @QueryParam("until_seq") String untilSeq) {
        List<FieldError> errors = new ArrayList<>();
        long after = number("after_seq", afterSeq, 0, 0, Long.MAX_VALUE, errors);
        long until = number("until_seq", untilSeq, Long.MAX_VALUE, 0, Long.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("A query parameter is not valid.", errors);
        }
        // Read the tenant now: the stream is pulled after this request-scoped method returned.
        String tenant = caller.tenant();
        int batch = config.batchSize();
        AtomicLong cursor = new AtomicLong(after);
        return Multi.createBy().repeating()
                .uni(() -> repository.find(new Filter(tenant, null, null, null, null, null, null, cursor.get(),
                        until, batch)).invoke(page -> {
                            if (!page.isEmpty()) {
                                cursor.set(page.get(page.size() - 1).seq());
                            }
                        }))
                .whilst(page -> page.size() == batch)
                .onItem().<AuditEntry>disjoint();
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "invalid_datetime", name + " must be an RFC 3339 date-time, e.g. "
                    + "2026-11-22T10:30:00Z."));
            return null;
        }
    }

    private static long number(String name, String value, long fallback, long min, long max,
            List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                errors.add(new FieldError(name, "out_of_range", name + " must be between " + min + " and " + max + "."));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "not_an_integer", name + " must be an integer."));
            return fallback;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
