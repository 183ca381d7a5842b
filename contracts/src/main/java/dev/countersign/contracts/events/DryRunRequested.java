package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * Data of {@code dev.countersign.dryrun.requested}: the proposal snapshot to simulate. {@code parameters_digest}
 * names this dry run (the digest of action, version and parameters); {@code dryrun.completed} echoes it so an
 * answer for parameters since edited is recognised as stale.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DryRunRequested(String proposalId, String tenant, String assistant, String action, int actionVersion,
        Map<String, Object> parameters, String conversationId, User user, String trigger, String parametersDigest) {
    /** A request without a digest. */
    public DryRunRequested(String proposalId, String tenant, String assistant, String action, int actionVersion,
            Map<String, Object> parameters, String conversationId, User user, String trigger) {
        this(proposalId, tenant, assistant, action, actionVersion, parameters, conversationId, user, trigger, null);
    }
}
