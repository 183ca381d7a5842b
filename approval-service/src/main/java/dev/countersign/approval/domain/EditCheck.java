package dev.countersign.approval.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.json.FieldPaths;
import dev.countersign.kit.schema.JsonSchemas;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An approver's edit is checked against the pinned version's compiled JSON Schema ({@code parameters_schema}
 * of {@code proposal.accepted}) exactly as proposal-service checked the proposal: every problem at once, 422
 * {@code invalid_parameters} with {@code errors[]}. Without a schema an edit cannot be checked, so it is refused.
 */
public final class EditCheck {
    /** The problem code of an edit that breaks the schema. */
    public static final String INVALID_PARAMETERS = "invalid_parameters";

    private EditCheck() {
    }

    /** Passes when {@code parameters} satisfy {@code schema}; otherwise throws 422 with every field problem. */
    public static void validate(JsonNode schema, Map<String, Object> parameters) {
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            throw DomainException.invalid(INVALID_PARAMETERS, "This proposal's action version carries no parameter "
                    + "schema, so edited parameters cannot be checked; approve or deny it as proposed.", List.of());
        }
        Set<ValidationMessage> messages = JsonSchemas.compile(schema).validate(Json.mapper().valueToTree(parameters));
        if (!messages.isEmpty()) {
            throw DomainException.invalid(INVALID_PARAMETERS, "The edited parameters are invalid.", errors(messages));
        }
    }

    static List<FieldError> errors(Set<ValidationMessage> messages) {
        Map<String, FieldError> byPath = new LinkedHashMap<>();
        for (ValidationMessage m : messages) {
            List<Object> at = elements(m.getInstanceLocation());
            String type = m.getType() == null ? "invalid" : m.getType();
            // required / additionalProperties are reported at the parent object; the field is the property.
            if ((type.equals("required") || type.equals("additionalProperties")
                    || type.equals("unevaluatedProperties")) && m.getProperty() != null) {
                at.add(m.getProperty());
            }
            String path = FieldPaths.of("parameters", at);
            byPath.putIfAbsent(path, new FieldError(path, code(type), m.getMessage()));
        }
        List<FieldError> errors = new ArrayList<>(byPath.values());
        errors.sort(Comparator.comparing(FieldError::path));
        return errors;
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

    // The same codes proposal-service gives for the same problems.
    private static String code(String type) {
        return switch (type) {
            case "required", "dependentRequired" -> "required";
            case "type", "unionType" -> "wrong_type";
            case "pattern", "format" -> "invalid_format";
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf" -> "out_of_range";
            case "minLength", "minItems", "minProperties" -> "too_short";
            case "maxLength", "maxItems", "maxProperties" -> "too_long";
            case "enum", "const" -> "invalid_value";
            case "additionalProperties", "unevaluatedProperties" -> "unknown_parameter";
            default -> "invalid";
        };
    }
}
