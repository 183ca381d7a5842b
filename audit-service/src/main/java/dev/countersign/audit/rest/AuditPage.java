package dev.countersign.audit.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of a log query; {@code next_after_seq} is present when the page was full and names the
 * {@code after_seq} of the next page.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditPage(List<EntryResponse> items, Long nextAfterSeq) {
}
