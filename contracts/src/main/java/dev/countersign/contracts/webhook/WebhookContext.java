package dev.countersign.contracts.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.countersign.contracts.events.ApprovalReceipt;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.User;
import java.util.List;

/** The {@code context} of a webhook body; {@code approval} is the approval receipt (DESIGN §5), signed with the body. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookContext(String tenant, String assistant, String conversationId, User user, String trigger,
        List<Decider> decidedBy, ApprovalReceipt approval) {
    /** A context without an approval receipt. */
    public WebhookContext(String tenant, String assistant, String conversationId, User user, String trigger,
            List<Decider> decidedBy) {
        this(tenant, assistant, conversationId, user, trigger, decidedBy, null);
    }
}
