package dev.countersign.audit.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;

/**
 * What the audit log derives from an event to file it: its tenant, who acted, and the proposal and
 * conversation it belongs to.
 *
 * @param tenant         {@code data.tenant} when it is text (every payload carries it), else null
 * @param actor          {@code data.actor.id}, else the last {@code data.decided_by[].actor}, else
 *                       {@code data.user.id}, else the CloudEvent source (the service that acted)
 * @param proposalId     {@code data.proposal_id}; for {@code proposal.submitted} the event id, which is the
 *                       proposal id
 * @param conversationId {@code data.conversation_id}
 */
public record EventFacts(String tenant, String actor, String proposalId, String conversationId) {

    /** Derives the facts of an event from its attributes and data. */
    public static EventFacts of(String id, String type, String source, JsonNode data) {
        String proposalId = text(data, "proposal_id");
        if (proposalId == null && EventTypes.PROPOSAL_SUBMITTED.equals(type)) {
            proposalId = id;
        }
        return new EventFacts(text(data, "tenant"), actor(source, data), proposalId, text(data, "conversation_id"));
    }

    private static String actor(String source, JsonNode data) {
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
        String user = text(data.path("user"), "id");
        return user != null ? user : source;
    }

    private static String text(JsonNode node, String field) {
        if (!(node instanceof ObjectNode object)) {
            return null;
        }
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
