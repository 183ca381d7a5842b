package dev.countersign.registry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.Parameter;
import java.util.List;

/**
 * Compiles a definition's parameters, typed list or JSON Schema object, into the one JSON Schema (2020-12)
 * published with the version, so every consumer validates proposals identically.
 */
public final class ParameterSchemaCompiler {
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    // Formats are annotations in 2020-12, so the string types that need a shape also get a pattern.
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    static final String DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    static final String DATETIME_PATTERN =
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$";
    static final String URL_PATTERN = "^https?://[^\\s/$.?#][^\\s]*$";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ParameterSchemaCompiler() {
    }

    /** The compiled schema of {@code definition}. */
    public static ObjectNode compile(ActionDefinition definition) {
        if (definition.parametersSchema() != null && definition.parametersSchema().isObject()) {
            ObjectNode schema = definition.parametersSchema().deepCopy();
            if (!schema.has("$schema")) {
                schema.put("$schema", DIALECT);
            }
            return schema;
        }
        return compile(definition.parameters() == null ? List.of() : definition.parameters());
    }

    /** The schema of a typed parameter list: an object with exactly these properties. */
    public static ObjectNode compile(List<Parameter> parameters) {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", DIALECT);
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Parameter p : parameters) {
            properties.set(p.name(), property(p));
            if (Boolean.TRUE.equals(p.required())) {
                required.add(p.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    static ObjectNode property(Parameter p) {
        ObjectNode s = NODES.objectNode();
        switch (p.type()) {
            case "string" -> s.put("type", "string");
            case "number" -> s.put("type", "number");
            case "integer" -> s.put("type", "integer");
            case "boolean" -> s.put("type", "boolean");
            case "email" -> s.put("type", "string").put("format", "email").put("pattern", EMAIL_PATTERN);
            case "date" -> s.put("type", "string").put("format", "date").put("pattern", DATE_PATTERN);
            case "datetime" -> s.put("type", "string").put("format", "date-time").put("pattern", DATETIME_PATTERN);
            case "url" -> s.put("type", "string").put("format", "uri").put("pattern", URL_PATTERN);
            case "enum" -> {
                ArrayNode values = s.putArray("enum");
                (p.values() == null ? List.<String>of() : p.values()).forEach(values::add);
            }
            default -> throw new IllegalArgumentException("unknown parameter type " + p.type());
        }
        // A typed pattern is the parameter's own rule; the type's shape pattern then moves into allOf.
        if (p.pattern() != null) {
            JsonNode shape = s.remove("pattern");
            s.put("pattern", p.pattern());
            if (shape != null) {
                s.putArray("allOf").addObject().set("pattern", shape);
            }
        }
        if (p.min() != null) {
            s.put("minimum", p.min());
        }
        if (p.max() != null) {
            s.put("maximum", p.max());
        }
        if (p.minLength() != null) {
            s.put("minLength", p.minLength());
        }
        if (p.maxLength() != null) {
            s.put("maxLength", p.maxLength());
        }
        if (p.description() != null) {
            s.put("description", p.description());
        }
        return s;
    }
}
