package dev.countersign.registry.domain;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.rest.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a definition from JSON strictly: every unknown field is reported with its path (a typo such as
 * {@code "requried"} must not be silently ignored), together with the first wrongly typed field.
 */
public final class DefinitionReader {
    // Written by the registry itself; accepted on input so a GET result can be PUT back unchanged.
    private static final Set<String> SERVER_FIELDS = Set.of("version", "status", "parameters_json_schema",
            "created_at", "signing_secret");

    private DefinitionReader() {
    }

    /** The definition in {@code body}; throws a 422 problem listing unknown fields or a wrong type. */
    public static ActionDefinition read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.malformed("The body must be a JSON object holding an action definition.");
        }
        List<FieldError> unknown = new ArrayList<>();
        ObjectMapper strict = Json.mapper().copy().addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                    JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
                String parent = p.getParsingContext().getParent() == null ? ""
                        : path(p.getParsingContext().getParent().pathAsPointer().toString());
                boolean topLevel = parent.isEmpty();
                if (!(topLevel && SERVER_FIELDS.contains(propertyName))) {
                    unknown.add(new FieldError(parent.isEmpty() ? propertyName : parent + "." + propertyName,
                            "unknown_field", "Unknown field '" + propertyName + "'."));
                }
                p.skipChildren();
                return true;
            }
        });
        ActionDefinition definition;
        try {
            definition = strict.treeToValue(body, ActionDefinition.class);
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                    .reduce("", String::concat);
            unknown.add(new FieldError(path.startsWith(".") ? path.substring(1) : path, "wrong_type",
                    "The value has the wrong type: " + e.getOriginalMessage()));
            throw ProblemException.invalid("The action definition has " + unknown.size() + " problem(s).", unknown);
        } catch (IOException e) {
            throw ProblemException.malformed("The action definition could not be read: " + e.getMessage());
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("The action definition has " + unknown.size() + " problem(s).", unknown);
        }
        return definition;
    }

    // "/parameters/1" -> "parameters[1]"
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                out.append('[').append(part).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return out.toString();
    }
}
