package dev.countersign.executor.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.executor.domain.ExecutionResult;
import dev.countersign.executor.persistence.ExecutionEntity;
import java.time.Instant;

/** {@code GET /v1/executions/{proposal_id}}: the execution record as the API shows it; absent values are left out. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecutionView(String proposalId, String tenant, String action, int actionVersion, String state,
        int attempts, Integer httpStatus, String webhookId, ExecutionResult result, Instant createdAt,
        Instant updatedAt, Instant completedAt) {

    static ExecutionView of(ExecutionEntity e) {
        return new ExecutionView(e.proposalId, e.tenant, e.action, e.actionVersion, e.state.value(), e.attempts,
                e.httpStatus, e.webhookId, e.result, e.createdAt, e.updatedAt, e.completedAt);
    }
}
