package dev.countersign.executor.persistence;

import dev.countersign.executor.domain.ExecutionProgress;
import dev.countersign.executor.domain.ExecutionResult;
import dev.countersign.executor.domain.ExecutionState;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import dev.countersign.kit.persistence.JsonbText;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.JdbcTypeRegistration;
import org.hibernate.type.SqlTypes;

/**
 * One execution record per approved proposal ({@code executions}, owned by Flyway's V1): created in
 * {@code delivering} by {@link ExecutionRepository#createOrGet}, moved to a final state exactly once. Changes go
 * through {@link #recordAttempt} and {@link #finish}, which apply the {@link ExecutionProgress} rules to the row
 * as locked by {@link ExecutionRepository#findForUpdate}.
 */
@Entity
@Table(name = "executions")
@IdClass(ExecutionId.class)
// JSON columns bound as exact text by the kit (no double rounding through Vert.x JsonObject)
@JdbcTypeRegistration(JsonbText.class)
public class ExecutionEntity extends PanacheEntityBase {
    @Id
    public String tenant;
    @Id
    @Column(name = "proposal_id")
    public String proposalId;
    /** Stable across every attempt and every redelivery of the approved event, so receivers can dedupe. */
    @Column(name = "webhook_id")
    public String webhookId;
    public String action;
    @Column(name = "action_version")
    public int actionVersion;
    @Convert(converter = ExecutionStateConverter.class)
    public ExecutionState state;
    public int attempts;
    /** HTTP status of the last attempt that got an answer, or null. */
    @Column(name = "http_status")
    public Integer httpStatus;
    /** The final outcome (JSONB), null while delivering. */
    @JdbcTypeCode(SqlTypes.JSON)
    public ExecutionResult result;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "completed_at")
    public Instant completedAt;

    /** The state machine's view of this record. */
    public ExecutionProgress progress() {
        return new ExecutionProgress(state, attempts);
    }

    /** Records attempt {@code attempt} (still delivering); false, changing nothing, when the rules refuse it. */
    public boolean recordAttempt(int attempt, Integer status, Instant now) {
        if (!progress().mayRecordAttempt(attempt)) {
            return false;
        }
        attempts = attempt;
        httpStatus = status;
        updatedAt = now;
        return true;
    }

    /**
     * Moves the record to its final state with {@code total} attempts; false, changing nothing, when it is no
     * longer delivering at {@code expectedAttempts} (another copy of the handler moved it on).
     */
    public boolean finish(ExecutionState finalState, int expectedAttempts, int total, Integer status,
            ExecutionResult outcome, Instant now) {
        if (!finalState.isFinal() || !progress().mayFinish(expectedAttempts)) {
            return false;
        }
        state = finalState;
        attempts = total;
        httpStatus = status;
        result = outcome;
        updatedAt = now;
        completedAt = now;
        return true;
    }
}
