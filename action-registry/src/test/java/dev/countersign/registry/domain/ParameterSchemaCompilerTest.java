package dev.countersign.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.countersign.contracts.actions.Parameter;
import dev.countersign.kit.schema.JsonSchemas;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any valid typed parameter list compiles to a schema that accepts good values and rejects bad ones. */
class ParameterSchemaCompilerTest {
    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "email", "date",
            "datetime", "url", "enum");

    // compiled as every consumer does: the kit's offline 2020-12 factory with RE2/J patterns
    static JsonSchema schema(List<Parameter> params) {
        return JsonSchemas.compile(ParameterSchemaCompiler.compile(params));
    }

    static JsonNode goodValue(String type) {
        return switch (type) {
            case "string" -> N.textNode("anything");
            case "number" -> N.numberNode(new BigDecimal("3.5"));
            case "integer" -> N.numberNode(7);
            case "boolean" -> N.booleanNode(true);
            case "email" -> N.textNode("ann@example.com");
            case "date" -> N.textNode("2026-11-22");
            case "datetime" -> N.textNode("2026-11-22T10:30:00Z");
            case "url" -> N.textNode("https://example.com/x");
            case "enum" -> N.textNode("b");
            default -> throw new IllegalArgumentException(type);
        };
    }

    static JsonNode badValue(String type) {
        return switch (type) {
            case "string", "email", "date", "datetime", "url", "enum" -> N.numberNode(12);
            case "number", "integer", "boolean" -> N.textNode("not-" + type);
            default -> throw new IllegalArgumentException(type);
        };
    }

    @Provide
    Arbitrary<List<Parameter>> parameterLists() {
        Arbitrary<Parameter> one = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12),
                Arbitraries.of(TYPES), Arbitraries.of(true, false))
                .as((name, type, required) -> new Parameter(name, type, required, null, null, null, null, null,
                        "enum".equals(type) ? List.of("a", "b") : null, null));
        return one.list().ofMinSize(1).ofMaxSize(6).uniqueElements(Parameter::name);
    }

    @Property
    void goodValuesForEveryParameterAreAccepted(@ForAll("parameterLists") List<Parameter> params) {
        ObjectNode instance = N.objectNode();
        params.forEach(p -> instance.set(p.name(), goodValue(p.type())));
        assertThat(schema(params).validate(instance)).isEmpty();
    }

    @Property
    void aWrongTypedValueIsRejectedAtItsField(@ForAll("parameterLists") List<Parameter> params) {
        Parameter victim = params.get(0);
        ObjectNode instance = N.objectNode();
        params.forEach(p -> instance.set(p.name(), goodValue(p.type())));
        instance.set(victim.name(), badValue(victim.type()));
        assertThat(schema(params).validate(instance)).isNotEmpty()
                .allSatisfy(m -> assertThat(m.getInstanceLocation().toString()).contains(victim.name()));
    }

    @Property
    void missingRequiredParametersAreRejectedAndOptionalOnesMayBeOmitted(
            @ForAll("parameterLists") List<Parameter> params) {
        List<String> required = new ArrayList<>();
        params.stream().filter(p -> Boolean.TRUE.equals(p.required())).forEach(p -> required.add(p.name()));
        var errors = schema(params).validate(N.objectNode());
        assertThat(errors).hasSize(required.size());
    }

    @Example
    void rulesBecomeSchemaKeywords() {
        var params = List.of(
                new Parameter("order", "string", true, "^ORD-[0-9]+$", null, null, 5, 12, null, null),
                new Parameter("qty", "integer", false, null, BigDecimal.ONE, BigDecimal.TEN, null, null, null, null));
        var schema = schema(params);
        assertThat(schema.validate(N.objectNode().put("order", "ORD-123").put("qty", 3))).isEmpty();
        assertThat(schema.validate(N.objectNode().put("order", "XYZ-123"))).isNotEmpty();
        assertThat(schema.validate(N.objectNode().put("order", "ORD-1234567890"))).isNotEmpty();
        assertThat(schema.validate(N.objectNode().put("order", "ORD-123").put("qty", 11))).isNotEmpty();
        assertThat(schema.validate(N.objectNode().put("order", "ORD-123").put("extra", 1))).isNotEmpty();
    }

    @Example
    void anEmailParameterRejectsANonAddress() {
        var schema = schema(List.of(new Parameter("to", "email", true, null, null, null, null, null, null, null)));
        assertThat(schema.validate(N.objectNode().put("to", "not an email"))).isNotEmpty();
    }
}
