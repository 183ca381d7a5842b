package dev.countersign.contracts.events;

import java.util.Map;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The request a dry run would have sent; headers never carry secrets. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WouldSend(String method, String url, Map<String, String> headers, Object body) {
}
