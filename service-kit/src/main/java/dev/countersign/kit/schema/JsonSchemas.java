package dev.countersign.kit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.resource.DisallowSchemaLoader;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import dev.countersign.kit.regex.Re2RegularExpressionFactory;

/**
 * The one JSON Schema (2020-12) setup of every service: a factory that never loads a {@code $ref}'d document
 * (a tenant's schema must not make a service call out: SSRF, DESIGN §6) and regular expressions on RE2/J
 * (linear time: a tenant's pattern cannot stall the event loop shared by every tenant). The registry compiles
 * a definition's schema exactly as proposal-service later runs it, so a saved schema never fails at intake.
 */
public final class JsonSchemas {
    private static final JsonSchemaFactory OFFLINE = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance())));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(Re2RegularExpressionFactory.getInstance()).build();

    private JsonSchemas() {
    }

    /** The offline 2020-12 factory. */
    public static JsonSchemaFactory factory() {
        return OFFLINE;
    }

    /** Validator settings every schema is compiled with (RE2/J patterns). */
    public static SchemaValidatorsConfig config() {
        return CONFIG;
    }

    /**
     * {@code schema} compiled offline with RE2/J patterns; a pattern RE2 refuses throws
     * {@link dev.countersign.kit.regex.LinearRegex.UnsupportedPatternException}.
     */
    public static JsonSchema compile(JsonNode schema) {
        return OFFLINE.getSchema(schema, CONFIG);
    }
}
