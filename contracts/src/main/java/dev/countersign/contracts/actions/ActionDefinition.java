package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An action definition (DESIGN §4), also the data of {@code dev.countersign.action.published}. Never carries secrets. {@code parameters_json_schema} is the compiled JSON Schema every consumer validates with. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActionDefinition(String tenant, String assistant, String name, String displayName, String description, List<Parameter> parameters, JsonNode parametersSchema, Approval approval, Execution execution, List<RateLimit> rateLimits, Integer version, String status, JsonNode parametersJsonSchema, Instant createdAt) {
}
