package dev.countersign.proposal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.json.FieldPaths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the character U+0000 (NUL) in a proposal's data, in values and in field names. JSON allows it
 * ({@code "\u0000"}), but PostgreSQL {@code text} and {@code jsonb} refuse it, here and in every service
 * downstream, so such a proposal is rejected {@code malformed} with the path of each place it occurs.
 */
public final class NulCharacters {
    /** The code of each error. */
    public static final String CODE = "invalid_character";
    /** At most this many places are listed; the last error says how many more there are. */
    static final int MAX_REPORTED = 20;
    // Field names are echoed in paths: a bound keeps a rejection small whatever the sender put in a name.
    private static final int MAX_NAME_LENGTH = 64;
    private static final char NUL = '\u0000';

    private NulCharacters() {
    }

    /** True when {@code text} contains U+0000. */
    public static boolean in(String text) {
        return text != null && text.indexOf(NUL) >= 0;
    }

    /** One error per place (path) in {@code data} where U+0000 occurs, sorted by path; empty when none. */
    public static List<FieldError> find(JsonNode data) {
        Map<String, String> found = new TreeMap<>();
        walk(data, new ArrayList<>(), found);
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : found.entrySet()) {
            if (errors.size() == MAX_REPORTED) {
                FieldError lastShown = errors.remove(MAX_REPORTED - 1);
                errors.add(new FieldError(lastShown.path(), CODE, lastShown.message() + " "
                        + (found.size() - MAX_REPORTED) + " more fields contain it too."));
                break;
            }
            errors.add(new FieldError(e.getKey(), CODE, e.getValue()));
        }
        return errors;
    }

    /** {@code text} safe to echo in a path or message: U+0000 written as the six characters {@code \u0000}. */
    public static String printable(String text) {
        String shown = text.length() > MAX_NAME_LENGTH ? text.substring(0, MAX_NAME_LENGTH) + "…" : text;
        return shown.replace(String.valueOf(NUL), "\\u0000");
    }

    private static void walk(JsonNode node, List<Object> at, Map<String, String> found) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (in(node.textValue())) {
                String path = FieldPaths.of(at);
                found.putIfAbsent(path, "The field " + path + " contains the character U+0000 (NUL), which is not "
                        + "allowed.");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                at.add(printable(field.getKey()));
                if (in(field.getKey())) {
                    String path = FieldPaths.of(at);
                    found.putIfAbsent(path, "The name of the field " + path + " contains the character U+0000 "
                            + "(NUL), which is not allowed.");
                }
                walk(field.getValue(), at, found);
                at.remove(at.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at.add(i);
                walk(node.get(i), at, found);
                at.remove(at.size() - 1);
            }
        }
    }
}
