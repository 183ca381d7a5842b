package dev.countersign.approval.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One page of approvals; {@code next_after} is present when there may be more, and is passed as
 * {@code ?after=} to read the next page.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApprovalPage(List<ApprovalResponse> items, String nextAfter) {
}
