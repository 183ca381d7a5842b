package dev.countersign.contracts.actions;

import java.math.BigDecimal;
import java.util.List;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One typed parameter of an action (DESIGN §4). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Parameter(String name, String type, Boolean required, String pattern, BigDecimal min, BigDecimal max, Integer minLength, Integer maxLength, List<String> values, String description) {
}
