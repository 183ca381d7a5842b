package dev.countersign.contracts.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.User;
import java.util.List;

/** The {@code context} of a webhook body. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookContext(String tenant, String assistant, String conversationId, User user, String trigger,
        List<Decider> decidedBy) {
}
