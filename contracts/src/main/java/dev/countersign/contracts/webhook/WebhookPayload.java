package dev.countersign.contracts.webhook;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/** The JSON body a customer endpoint receives (DESIGN §5). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookPayload(String type, Instant timestamp, String proposalId, String action, int actionVersion,
        Map<String, Object> parameters, WebhookContext context) {
}
