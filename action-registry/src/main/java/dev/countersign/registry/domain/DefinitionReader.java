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
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.json.FieldPaths;
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

    /** The definition in {@code body}; throws an invalid problem listing unknown fields or a wrong type. */
    public static ActionDefinition read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw malformed("The body must be a JSON object holding an action definition.");
        }
        List<FieldError> unknown = new ArrayList<>();
        ObjectMapper strict = Json.mapper().copy().addHandler(new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                    JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
                List<Object> at = new ArrayList<>(p.getParsingContext().getParent() == null ? List.of()
                        : FieldPaths.pointerElements(p.getParsingContext().getParent().pathAsPointer().toString()));
                if (!(at.isEmpty() && SERVER_FIELDS.contains(propertyName))) {
                    at.add(propertyName);
                    unknown.add(new FieldError(FieldPaths.of(at), "unknown_field",
                            "Unknown field '" + propertyName + "'."));
                }
                p.skipChildren();
                return true;
            }
        });
        ActionDefinition definition;
        try {
            definition = strict.treeToValue(body, ActionDefinition.class);
        } catch (MismatchedInputException e) {
            String path = FieldPaths.of(e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? (Object) r.getFieldName() : (Object) r.getIndex()).toList());
            unknown.add(new FieldError(path, "wrong_type", "The value has the wrong type: " + e.getOriginalMessage()));
            throw DefinitionValidator.problem(unknown);
        } catch (IOException e) {
            throw malformed("The action definition could not be read: " + e.getMessage());
        }
        if (!unknown.isEmpty()) {
            throw DefinitionValidator.problem(unknown);
        }
        return definition;
    }

    private static DomainException malformed(String message) {
        return new DomainException(DomainException.Kind.MALFORMED, "malformed", message);
    }
}
