package dev.countersign.proposal.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A proposal as it arrives, from Kafka (the CloudEvent id and data) or HTTP (the idempotency key and body):
 * {@code data} is the {@code proposal.submitted} payload, {@code channel} is {@code kafka} or {@code http}, and
 * {@code origin} who sent it (the CloudEvent {@code source}; {@code http} over HTTP), which identifies a
 * proposal that names no usable tenant.
 */
public record Submission(String proposalId, ObjectNode data, String channel, String origin) {
    /** Arrived on {@code countersign.proposals}. */
    public static final String KAFKA = "kafka";
    /** Arrived on {@code POST /v1/proposals}. */
    public static final String HTTP = "http";
}
