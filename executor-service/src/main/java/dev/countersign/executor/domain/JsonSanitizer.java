package dev.countersign.executor.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Removes U+0000 from what a receiver answered, in every string value and field name. PostgreSQL's
 * {@code jsonb} refuses it (SQLSTATE 22P05), so an answer carrying one could never be recorded, and
 * consumers storing our events would hit the same wall; nothing else about the answer is changed.
 */
public final class JsonSanitizer {
    private static final char NUL = '\u0000';

    private JsonSanitizer() {
    }

    /** {@code text} without NUL characters (null stays null). */
    public static String strip(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(String.valueOf(NUL), "");
    }

    /**
     * A copy of {@code node} without NUL characters in any string or field name (the node itself when it has
     * none). Field names that become equal keep the last value, as a JSON parser would.
     */
    public static JsonNode strip(JsonNode node) {
        if (node == null || !containsNul(node)) {
            return node;
        }
        return copy(node);
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().indexOf(NUL) >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode copy(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(strip(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> out.set(strip(field.getKey()), copy(field.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> out.add(copy(element)));
            return out;
        }
        // numbers, booleans, null: nothing to strip (binary/POJO nodes never come out of a parser)
        return node;
    }
}
