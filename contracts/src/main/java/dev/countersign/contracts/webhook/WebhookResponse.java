package dev.countersign.contracts.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a receiver may answer: {@code success}, a relayed {@code message}, structured {@code result} or
 * {@code data}, or an {@code error}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookResponse(Boolean success, String message, JsonNode result, JsonNode data, String error) {
}
