package dev.countersign.approval.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.RequiredApproval;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An accepted proposal's approval as the API shows it: what is to be approved, how (mode, who is required),
 * where it stands, who decided and by when it must be decided.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalResponse(String proposalId, String tenant, String assistant, String action, int actionVersion,
        String approvalMode, String state, Map<String, Object> parameters, RequiredApproval required,
        List<Decider> decidedBy, Instant expiresAt, Instant decidedAt, Instant createdAt, Instant updatedAt) {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    static ApprovalResponse of(ApprovalEntity row) {
        // The contracts mapping keeps numbers exact (BigDecimal / BigInteger), as the proposal carried them.
        var parameters = row.snapshot.path("parameters");
        return new ApprovalResponse(row.proposalId, row.tenant, row.assistant, row.action, row.actionVersion,
                row.approvalMode, row.state.wire(),
                parameters.isObject() ? Json.mapper().convertValue(parameters, OBJECT) : Map.of(), row.required,
                row.decidedBy == null ? List.of() : row.decidedBy, row.expiresAt, row.decidedAt, row.createdAt,
                row.updatedAt);
    }
}
