package dev.countersign.registry.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.ApprovalModes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders active definitions as tool definitions in each LLM API's own shape, so an assistant is given
 * exactly what it may propose: OpenAI strict function tools, Anthropic tools, MCP {@code tools/list} entries.
 */
public final class ToolExporter {
    /** Supported {@code format} values. */
    public static final Set<String> FORMATS = Set.of("openai", "anthropic", "mcp");

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    // Keywords OpenAI structured outputs accept per type; anything else is dropped from strict schemas.
    private static final Set<String> OPENAI_KEYWORDS = Set.of("type", "description", "enum", "const", "properties",
            "required", "additionalProperties", "items", "anyOf", "pattern", "format", "minimum", "maximum",
            "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems", "$defs", "$ref");
    private static final Set<String> OPENAI_FORMATS = Set.of("date-time", "time", "date", "duration", "email",
            "hostname", "ipv4", "ipv6", "uuid");

    private ToolExporter() {
    }

    /** A tools document, the answer of {@code GET /v1/tools}: one entry per active action. */
    public record Tools(List<Tool> tools) {
    }

    /** One tool in the shape of one LLM API. */
    public sealed interface Tool permits OpenAiTool, AnthropicTool, McpTool {
    }

    /** An OpenAI function tool in strict mode. */
    public record OpenAiTool(String type, OpenAiFunction function) implements Tool {
    }

    /** The function of an {@link OpenAiTool}. */
    public record OpenAiFunction(String name, String description, boolean strict, ObjectNode parameters) {
    }

    /** An Anthropic tool. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AnthropicTool(String name, String description, ObjectNode inputSchema) implements Tool {
    }

    /** An MCP {@code tools/list} entry (MCP names its members in camelCase). */
    public record McpTool(String name, String title, String description, ObjectNode inputSchema,
            McpAnnotations annotations) implements Tool {
    }

    /** The behaviour hints of an {@link McpTool}. */
    public record McpAnnotations(String title, boolean readOnlyHint, boolean destructiveHint, boolean idempotentHint,
            boolean openWorldHint) {
    }

    /** The tools document for {@code format}. */
    public static Tools export(String format, List<ActionDefinition> definitions) {
        String f = format.toLowerCase(Locale.ROOT);
        return new Tools(definitions.stream().map(d -> switch (f) {
            case "openai" -> openai(d);
            case "anthropic" -> anthropic(d);
            case "mcp" -> mcp(d);
            default -> throw new IllegalArgumentException("unknown format " + format);
        }).toList());
    }

    static Tool openai(ActionDefinition d) {
        return new OpenAiTool("function", new OpenAiFunction(d.name(), d.description(), true, strict(schemaOf(d))));
    }

    static Tool anthropic(ActionDefinition d) {
        return new AnthropicTool(d.name(), d.description(), plain(schemaOf(d)));
    }

    static Tool mcp(ActionDefinition d) {
        String title = d.displayName() != null ? d.displayName() : d.name();
        // An action that needs a human (or a dry run) first is one whose effect matters; auto actions are
        // treated as non-destructive. Neither is read-only: every action is executed somewhere.
        String mode = d.approval() == null || d.approval().mode() == null ? ApprovalModes.AUTO : d.approval().mode();
        return new McpTool(d.name(), title, d.description(), plain(schemaOf(d)),
                new McpAnnotations(title, false, !ApprovalModes.AUTO.equals(mode), false, true));
    }

    private static ObjectNode schemaOf(ActionDefinition d) {
        JsonNode compiled = d.parametersJsonSchema() != null ? d.parametersJsonSchema()
                : ParameterSchemaCompiler.compile(d);
        return compiled.deepCopy();
    }

    private static ObjectNode plain(ObjectNode schema) {
        schema.remove("$schema");
        return schema;
    }

    /**
     * OpenAI strict mode: every object closed ({@code additionalProperties: false}) with every property
     * required, optional ones made nullable, and only supported keywords kept.
     */
    static ObjectNode strict(ObjectNode schema) {
        ObjectNode out = N.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (!OPENAI_KEYWORDS.contains(field.getKey())) {
                continue;
            }
            if (field.getKey().equals("format") && !OPENAI_FORMATS.contains(field.getValue().asText())) {
                continue;
            }
            out.set(field.getKey(), field.getValue().deepCopy());
        }
        if (out.has("items") && out.get("items").isObject()) {
            out.set("items", strict((ObjectNode) out.get("items")));
        }
        if ("object".equals(out.path("type").asText()) || out.has("properties")) {
            ObjectNode properties = out.has("properties") ? (ObjectNode) out.get("properties") : out.putObject("properties");
            Set<String> required = new java.util.HashSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            ObjectNode strictProps = N.objectNode();
            List<String> names = new ArrayList<>();
            properties.fieldNames().forEachRemaining(names::add);
            ArrayNode all = N.arrayNode();
            for (String name : names) {
                ObjectNode property = strict((ObjectNode) properties.get(name));
                strictProps.set(name, required.contains(name) ? property : nullable(property));
                all.add(name);
            }
            out.set("properties", strictProps);
            out.set("required", all);
            out.put("additionalProperties", false);
        }
        return out;
    }

    private static ObjectNode nullable(ObjectNode property) {
        JsonNode type = property.get("type");
        if (type != null && type.isTextual()) {
            property.set("type", N.arrayNode().add(type.asText()).add("null"));
        } else if (type != null && type.isArray()) {
            ((ArrayNode) type).add("null");
        }
        if (property.has("enum")) {
            ((ArrayNode) property.get("enum")).addNull();
        }
        return property;
    }
}
