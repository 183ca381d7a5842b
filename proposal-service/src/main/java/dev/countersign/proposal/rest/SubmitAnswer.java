package dev.countersign.proposal.rest;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code 202} body of {@code POST /v1/proposals}: the id the proposal was accepted under. */
public record SubmitAnswer(@JsonProperty("proposal_id") String proposalId) {
}
