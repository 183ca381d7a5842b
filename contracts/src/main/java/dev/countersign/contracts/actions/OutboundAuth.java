package dev.countersign.contracts.actions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How an outbound call authenticates: the named tenant credential (stored encrypted in the registry, never in
 * the definition) sent in {@code header} (default {@code Authorization}) with an optional {@code scheme} such as
 * {@code Bearer}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OutboundAuth(String credential, String header, String scheme) {
}
