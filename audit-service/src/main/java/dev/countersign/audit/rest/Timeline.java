package dev.countersign.audit.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A proposal's whole timeline: every entry of the proposal visible to the caller, in seq order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Timeline(String proposalId, List<EntryResponse> entries) {
}
