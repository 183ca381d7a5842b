package dev.countersign.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;

/**
 * What the audit log derives from an event to file it: its tenant, who acted, and the proposal and
 * conversation it belongs to.
 *
 * <p>The actor is who acted as far as Countersign knows, never an identity the sender merely claims. A
 * {@code proposal.accepted} names its authenticated submitter in {@code submitted_by}; a
 * {@code proposal.submitted} arrives unauthenticated on a topic, so its actor is that topic
 * ({@code topic:<topic>}, the form {@code submitted_by} uses for Kafka submissions), while the self-declared
 * {@code data.user} stays in the data snapshot for anyone who reads the row.
 *
 * @param tenant         {@code data.tenant} when it is text (every payload carries it), else null
 * @param actor          {@code proposal.submitted}: {@code topic:<topic>}; {@code proposal.accepted}:
 *                       {@code data.submitted_by}; otherwise {@code data.actor.id}, else the last
 *                       {@code data.decided_by[].actor}; else the CloudEvent source (the service that acted)
 * @param proposalId     {@code data.proposal_id}; for {@code proposal.submitted} the event id, which is the
 *                       proposal id
 * @param conversationId {@code data.conversation_id}
 */
public record EventFacts(String tenant, String actor, String proposalId, String conversationId) {

    /** Derives the facts of an event from its attributes, the topic it was read from, and its data. */
    public static EventFacts of(String id, String type, String source, String topic, JsonNode data) {
        JsonNode object = data == null ? MissingNode.getInstance() : data;
        String proposalId = text(object, "proposal_id");
        if (proposalId == null && EventTypes.PROPOSAL_SUBMITTED.equals(type)) {
            proposalId = id;
        }
        return new EventFacts(text(object, "tenant"), actor(type, source, topic, object), proposalId,
                text(object, "conversation_id"));
    }

    private static String actor(String type, String source, String topic, JsonNode data) {
        if (EventTypes.PROPOSAL_SUBMITTED.equals(type)) {
            // anyone who can write to the topic can claim any user: the topic is all that is known
            return "topic:" + topic;
        }
        if (EventTypes.PROPOSAL_ACCEPTED.equals(type) || EventTypes.PROPOSAL_REJECTED.equals(type)) {
            String submitter = text(data, "submitted_by");
            return submitter != null ? submitter : source;
        }
        String actor = text(data.path("actor"), "id");
        if (actor != null) {
            return actor;
        }
        JsonNode decidedBy = data.path("decided_by");
        if (decidedBy.isArray()) {
            for (int i = decidedBy.size() - 1; i >= 0; i--) {
                String who = text(decidedBy.get(i), "actor");
                if (who != null) {
                    return who;
                }
            }
        }
        // data.user is the chatbot's claim about its end user, carried along from the submission: not an actor
        return source;
    }

    private static String text(JsonNode node, String field) {
        if (!(node instanceof ObjectNode object)) {
            return null;
        }
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
