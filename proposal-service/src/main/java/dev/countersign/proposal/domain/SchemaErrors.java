package dev.countersign.proposal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.json.FieldPaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns JSON Schema validator messages into {@link FieldError}s: one per bad field, a dotted {@code path}, a
 * stable {@code code}, and a sentence an assistant can relay to its user ("Order number is required.").
 */
public final class SchemaErrors {
    /** The field was required and is missing. */
    public static final String REQUIRED = "required";
    /** The value has the wrong JSON type. */
    public static final String WRONG_TYPE = "wrong_type";
    /** The value does not match the pattern or format. */
    public static final String INVALID_FORMAT = "invalid_format";
    /** The number is below the minimum or above the maximum. */
    public static final String OUT_OF_RANGE = "out_of_range";
    /** The text or list is shorter than allowed. */
    public static final String TOO_SHORT = "too_short";
    /** The text or list is longer than allowed. */
    public static final String TOO_LONG = "too_long";
    /** The value is not one of the allowed values. */
    public static final String INVALID_VALUE = "invalid_value";
    /** Any other schema violation. */
    public static final String INVALID = "invalid";

    private static final int MAX_HINT_LENGTH = 200;

    private SchemaErrors() {
    }

    /** How fields are named in messages and which code an undeclared property gets. */
    public record Style(String pathPrefix, Function<List<Object>, String> label, String unknownCode,
            String unknownMessage) {
    }

    /**
     * The field errors of {@code messages}, sorted by path, keeping the first problem of each field. {@code hint}
     * gives an optional description of a field (by path relative to the validated node) for format errors.
     */
    public static List<FieldError> toFieldErrors(Collection<ValidationMessage> messages, Style style,
            Function<List<Object>, String> hint) {
        Map<String, FieldError> byPath = new LinkedHashMap<>();
        for (ValidationMessage m : messages) {
            List<Object> at = elements(m.getInstanceLocation());
            String type = m.getType() == null ? "" : m.getType();
            // required / additionalProperties are reported at the parent object; the field is the property.
            if ((type.equals("required") || type.equals("additionalProperties")
                    || type.equals("unevaluatedProperties") || type.equals("dependentRequired"))
                    && m.getProperty() != null) {
                at.add(m.getProperty());
            }
            String path = FieldPaths.of(style.pathPrefix(), at);
            byPath.putIfAbsent(path, new FieldError(path, code(type, style),
                    message(type, style.label().apply(at), args(m), style, hint.apply(at))));
        }
        List<FieldError> errors = new ArrayList<>(byPath.values());
        errors.sort(Comparator.comparing(FieldError::path));
        return errors;
    }

    /** "order_number" or "orderNumber" as "Order number"; list items as "Items item 2". */
    public static String humanLabel(List<Object> at) {
        if (at.isEmpty()) {
            return "The parameters";
        }
        Object last = at.get(at.size() - 1);
        if (last instanceof Integer index) {
            return humanLabel(at.subList(0, at.size() - 1)) + " item " + (index + 1);
        }
        String words = last.toString().replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.\\s]+", " ")
                .strip().toLowerCase(Locale.ROOT);
        if (words.isEmpty()) {
            return "The field '" + last + "'";
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static List<Object> elements(JsonNodePath location) {
        List<Object> out = new ArrayList<>();
        if (location != null) {
            for (int i = 0; i < location.getNameCount(); i++) {
                out.add(location.getElement(i));
            }
        }
        return out;
    }

    private static List<String> args(ValidationMessage m) {
        List<String> out = new ArrayList<>();
        if (m.getArguments() != null) {
            for (Object a : m.getArguments()) {
                out.add(String.valueOf(a));
            }
        }
        return out;
    }

    private static String code(String type, Style style) {
        return switch (type) {
            case "required", "dependentRequired" -> REQUIRED;
            case "type", "unionType" -> WRONG_TYPE;
            case "pattern", "format" -> INVALID_FORMAT;
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> OUT_OF_RANGE;
            case "minLength", "minItems", "minProperties" -> TOO_SHORT;
            case "maxLength", "maxItems", "maxProperties" -> TOO_LONG;
            case "enum", "const" -> INVALID_VALUE;
            case "additionalProperties", "unevaluatedProperties" -> style.unknownCode();
            default -> INVALID;
        };
    }

    private static String message(String type, String label, List<String> args, Style style, String hint) {
        String first = args.isEmpty() ? "" : args.get(0);
        return switch (type) {
            case "required", "dependentRequired" -> label + " is required.";
            case "type", "unionType" -> label + " must be " + typeName(args.isEmpty() ? "" : args.get(args.size() - 1))
                    + ".";
            case "pattern", "format" -> label + " is not in the expected format" + hint(hint) + ".";
            case "minimum" -> label + " must be at least " + first + ".";
            case "exclusiveMinimum" -> label + " must be greater than " + first + ".";
            case "maximum" -> label + " must be at most " + first + ".";
            case "exclusiveMaximum" -> label + " must be less than " + first + ".";
            case "multipleOf" -> label + " must be a multiple of " + first + ".";
            case "minLength" -> label + " must be at least " + first + " characters long.";
            case "maxLength" -> label + " must be at most " + first + " characters long.";
            case "minItems" -> label + " must have at least " + first + " items.";
            case "maxItems" -> label + " must have at most " + first + " items.";
            case "minProperties" -> label + " must have at least " + first + " fields.";
            case "maxProperties" -> label + " must have at most " + first + " fields.";
            case "uniqueItems" -> label + " must not contain the same item twice.";
            case "enum" -> label + " must be one of " + first + ".";
            case "const" -> label + " must be " + first + ".";
            case "additionalProperties", "unevaluatedProperties" -> label + " " + style.unknownMessage();
            default -> label + " is not valid.";
        };
    }

    private static String hint(String hint) {
        return hint == null || hint.isBlank() || hint.length() > MAX_HINT_LENGTH ? "" : " (" + hint.strip() + ")";
    }

    private static String typeName(String expected) {
        String e = expected.toLowerCase(Locale.ROOT);
        if (e.startsWith("[")) {
            return "one of the types " + expected;
        }
        return switch (e) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "text";
            case "boolean" -> "true or false";
            case "object" -> "an object";
            case "array" -> "a list";
            case "null" -> "empty";
            default -> "of type " + expected;
        };
    }

    /** The {@code description} of the property at {@code at} in an object {@code schema}, if it has one. */
    public static String describe(JsonNode schema, List<Object> at) {
        JsonNode node = schema;
        for (Object element : at) {
            if (node == null) {
                return null;
            }
            node = element instanceof Integer ? node.get("items") : node.path("properties").get(element.toString());
        }
        return node != null && node != schema && node.path("description").isTextual()
                ? node.path("description").asText() : null;
    }
}
