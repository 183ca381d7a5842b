package dev.countersign.approval.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.approval.domain.Approval;
import dev.countersign.approval.domain.ApprovalState;
import dev.countersign.approval.domain.Arrival;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.RequiredApproval;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** SQL over the service's own {@code approvals} table. */
@ApplicationScoped
public class ApprovalRepository {
    private static final TypeReference<List<Decider>> DECIDERS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final String COLUMNS = "tenant, proposal_id, assistant, action, action_version, approval_mode, "
            + "state, snapshot::text AS snapshot, required::text AS required, decided_by::text AS decided_by, "
            + "expires_at, decided_at, created_at, updated_at";

    private final Pool pool;

    ApprovalRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Creates the approval row of an arrived proposal within {@code tx}; answers false, changing nothing, when
     * the proposal already has one (a redelivered or repeated {@code proposal.accepted}).
     *
     * @param snapshot the accepted event's data as received, kept whole so fields added later survive
     */
    public Uni<Boolean> insert(SqlClient tx, Arrival arrival, String acceptedEventId, String snapshot) {
        ProposalAccepted p = arrival.proposal();
        Tuple args = Tuple.from(Arrays.asList(p.tenant(), p.proposalId(), p.assistant(), p.action(),
                p.actionVersion(), p.approvalMode(), arrival.state().wire(), snapshot, json(arrival.required()),
                json(arrival.decidedBy()), utc(p.expiresAt()), utc(arrival.decidedAt()), acceptedEventId));
        // JSON is bound as text and cast, so PostgreSQL parses it (a String bound straight to a jsonb
        // parameter would be stored as one JSON string).
        return tx.preparedQuery("INSERT INTO approvals (tenant, proposal_id, assistant, action, action_version, "
                + "approval_mode, state, snapshot, required, decided_by, expires_at, decided_at, accepted_event_id) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text::jsonb, $9::text::jsonb, $10::text::jsonb, "
                + "$11, $12, $13) "
                + "ON CONFLICT (tenant, proposal_id) DO NOTHING")
                .execute(args)
                .map(result -> result.rowCount() == 1);
    }

    /** The tenant's approval of {@code proposalId}, or null when the tenant has none. */
    public Uni<Approval> find(String tenant, String proposalId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM approvals WHERE tenant = $1 AND proposal_id = $2")
                .execute(Tuple.of(tenant, proposalId))
                .map(rows -> rows.size() == 0 ? null : toApproval(rows.iterator().next()));
    }

    /**
     * A page of the tenant's approvals ordered by proposal id, optionally in one state, starting after the
     * proposal id {@code after} (keyset pagination: stable while rows are added).
     */
    public Uni<List<Approval>> list(String tenant, ApprovalState state, String after, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM approvals WHERE tenant = $1 "
                + "AND ($2::text IS NULL OR state = $2) AND ($3::text IS NULL OR proposal_id > $3) "
                + "ORDER BY proposal_id LIMIT $4")
                .execute(Tuple.of(tenant, state == null ? null : state.wire(), after, limit))
                .map(rows -> {
                    List<Approval> out = new ArrayList<>();
                    rows.forEach(row -> out.add(toApproval(row)));
                    return out;
                });
    }

    private static Approval toApproval(Row row) {
        JsonNode snapshot = read(row.getString("snapshot"), JsonNode.class);
        JsonNode parameters = snapshot.path("parameters");
        String required = row.getString("required");
        return new Approval(row.getString("proposal_id"), row.getString("tenant"), row.getString("assistant"),
                row.getString("action"), row.getInteger("action_version"), row.getString("approval_mode"),
                row.getString("state"),
                parameters.isObject() ? Json.mapper().convertValue(parameters, OBJECT) : Map.of(),
                required == null ? null : read(required, RequiredApproval.class),
                readDeciders(row.getString("decided_by")), instant(row, "expires_at"), instant(row, "decided_at"),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static List<Decider> readDeciders(String json) {
        try {
            return Json.mapper().readValue(json, DECIDERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored decided_by is unreadable", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
