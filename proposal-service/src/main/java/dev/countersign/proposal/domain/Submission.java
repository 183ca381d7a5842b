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
    /** Longest proposal id taken, over Kafka (the CloudEvent id) and HTTP alike. */
    public static final int MAX_PROPOSAL_ID_LENGTH = 256;

    /**
     * Whether {@code id} can be a proposal id: non-blank, at most {@value #MAX_PROPOSAL_ID_LENGTH} characters,
     * no U+0000. Others are refused without an event: a rejection carries the id as its Kafka key, subject and
     * {@code proposal_id}, so an id of nearly a whole record could never be published or indexed.
     */
    public static boolean usableId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_PROPOSAL_ID_LENGTH && !NulCharacters.in(id);
    }
}
