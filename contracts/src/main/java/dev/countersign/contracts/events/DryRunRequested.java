package dev.countersign.contracts.events;

import java.util.Map;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Data of {@code dev.countersign.dryrun.requested}: the proposal snapshot to simulate. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunRequested(String proposalId, String tenant, String assistant, String action, int actionVersion, Map<String, Object> parameters, String conversationId, User user, String trigger) {
}
