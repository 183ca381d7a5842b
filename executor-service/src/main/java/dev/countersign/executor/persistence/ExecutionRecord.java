package dev.countersign.executor.persistence;

import dev.countersign.executor.domain.ExecutionState;
import java.time.OffsetDateTime;

/** A row of {@code executions}; {@code result} is the JSON text of the final outcome, or null. */
public record ExecutionRecord(String tenant, String proposalId, String webhookId, String action, int actionVersion,
        ExecutionState state, int attempts, Integer httpStatus, String result, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, OffsetDateTime completedAt) {
}
