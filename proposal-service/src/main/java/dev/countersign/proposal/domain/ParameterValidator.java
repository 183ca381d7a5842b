package dev.countersign.proposal.domain;

import dev.countersign.kit.regex.LinearRegex;
import dev.countersign.kit.regex.Re2RegularExpressionFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import dev.countersign.contracts.events.FieldError;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates a proposal's {@code parameters} with the compiled JSON Schema ({@code parameters_json_schema}) of
 * the action version it is checked against. Compiled schemas are cached per immutable version; their patterns
 * run on RE2/J (linear time, see {@link SchemaErrors#validatorsConfig()}).
 */
public final class ParameterValidator {
    /** The one error reported when an action's own schema cannot be evaluated. */
    public static final String SCHEMA_UNAVAILABLE = "schema_unavailable";
    private static final int MAX_CACHED = 1_000;
    private static final SchemaErrors.Style STYLE = new SchemaErrors.Style("parameters", SchemaErrors::humanLabel,
            "unknown_parameter", "is not a parameter of this action.");

    private final JsonSchemaFactory factory = SchemaErrors.offlineFactory();
    private final Map<String, JsonSchema> cache = new ConcurrentHashMap<>();

    /**
     * Every problem of {@code parameters} under {@code schema}, one per bad field with path
     * {@code parameters.<field>}; {@code versionKey} identifies the (immutable) action version for caching.
     */
    public List<FieldError> validate(String versionKey, JsonNode schema, JsonNode parameters) {
        try {
            JsonSchema compiled = cache.get(versionKey);
            if (compiled == null) {
                compiled = SchemaErrors.compile(factory, schema);
                if (cache.size() >= MAX_CACHED) {
                    cache.clear(); // versions are cheap to recompile; a bound matters more than a perfect LRU
                }
                cache.put(versionKey, compiled);
            }
            return SchemaErrors.toFieldErrors(compiled.validate(parameters), STYLE,
                    at -> SchemaErrors.describe(schema, at));
        } catch (RuntimeException e) {
            // e.g. a $ref to a remote schema, which this service never fetches, or a pattern RE2 refuses
            // (LinearRegex.UnsupportedPatternException: backreference, lookaround, too large): the proposal cannot
            // be checked. A definition saved since the registry checks patterns with RE2 never gets here.
            Log.warnf("parameters schema of %s cannot be evaluated: %s", versionKey, e.toString());
            return List.of(new FieldError("parameters", SCHEMA_UNAVAILABLE,
                    "The parameters cannot be checked because this action's definition is broken; "
                            + "ask its owner to fix it."));
        }
    }
}
