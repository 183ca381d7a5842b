package dev.countersign.proposal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.RejectionCodes;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A proposal as it arrives, from Kafka (the CloudEvent id and data) or HTTP (the idempotency key and body):
 * {@code data} is the {@code proposal.submitted} payload, {@code channel} is {@code kafka} or {@code http},
 * {@code origin} who sent it (the CloudEvent {@code source}; {@code http} over HTTP), which identifies a proposal
 * that names no usable tenant, and {@code submittedBy} the authenticated submitter recorded in
 * {@code proposal.accepted} (the token subject over HTTP, {@code topic:<name>} on Kafka).
 */
public record Submission(String proposalId, ObjectNode data, String channel, String origin, String submittedBy) {
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

    /** A proposal read from {@code topic}: its submitter is the topic, the only identity Kafka vouches for. */
    public static Submission fromKafka(String id, ObjectNode data, String source, String topic) {
        return new Submission(id, data, KAFKA, source, "topic:" + topic);
    }

    /**
     * A proposal posted by {@code submitter}: {@code body} minus its optional {@code proposal_id} (the idempotency
     * key; a UUID when absent), {@code tenant} defaulting to the submitter's. Refuses, without any event, a body
     * that is not a JSON object (400), an unusable proposal id (422 {@code malformed}), another tenant or, for a
     * token bound to one assistant, another assistant (403 {@code forbidden}).
     */
    public static Submission fromHttp(JsonNode body, Submitter submitter) {
        if (body == null || !body.isObject()) {
            throw new DomainException(DomainException.Kind.MALFORMED, RejectionCodes.MALFORMED,
                    "A JSON proposal is required.");
        }
        ObjectNode data = body.deepCopy();
        String proposalId = httpId(data.remove("proposal_id"));
        JsonNode tenant = data.get("tenant");
        if (tenant == null || tenant.isNull()) {
            data.put("tenant", submitter.tenant());
        } else if (!tenant.isTextual() || !tenant.asText().equals(submitter.tenant())) {
            throw DomainException.forbidden(RejectionCodes.FORBIDDEN, "You may only submit proposals for your own "
                    + "tenant.");
        }
        JsonNode assistant = data.get("assistant");
        if (!submitter.mayPropose(assistant != null && assistant.isTextual() ? assistant.asText() : null)) {
            throw DomainException.forbidden(RejectionCodes.FORBIDDEN, "Your token may only submit proposals for the "
                    + "assistant '" + submitter.assistant() + "'.");
        }
        return new Submission(proposalId, data, HTTP, HTTP, submitter.subject());
    }

    /**
     * Lower-case hex SHA-256 of the canonical JSON (RFC 8785, numbers by value) of {@link #data}: the same proposal
     * sent again with other key order or number spelling ({@code 1} vs {@code 1.0}) has the same hash.
     */
    public String bodyHash() {
        return CanonicalJson.sha256(data);
    }

    /** The canonical JSON text that {@link #bodyHash()} hashes. */
    public String canonicalBody() {
        return CanonicalJson.of(data);
    }

    private static String httpId(JsonNode given) {
        if (given == null || given.isNull()) {
            return UUID.randomUUID().toString();
        }
        // Refused without an event, like on Kafka (see usableId).
        if (!given.isTextual() || !usableId(given.asText())) {
            String sentence = "The proposal id must be a non-empty string of at most " + MAX_PROPOSAL_ID_LENGTH
                    + " characters without U+0000.";
            throw new DomainException(DomainException.Kind.INVALID, RejectionCodes.MALFORMED,
                    "proposal_id must be a non-empty string of at most " + MAX_PROPOSAL_ID_LENGTH
                            + " characters without U+0000.",
                    List.of(new FieldError("proposal_id", "invalid", sentence)), Map.of());
        }
        return given.asText();
    }
}
