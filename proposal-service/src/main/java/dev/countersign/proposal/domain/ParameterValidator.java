package dev.countersign.proposal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.schema.JsonSchemas;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Validates a proposal's {@code parameters} with the JSON Schema ({@code parameters_json_schema}) of the action
 * version it is checked against, compiled offline with RE2/J patterns ({@link JsonSchemas}). Compiling is left to a
 * {@link Compiler} so that the service can cache compiled schemas per immutable version.
 */
public final class ParameterValidator {
    /** The one error reported when an action's own schema cannot be evaluated. */
    public static final String SCHEMA_UNAVAILABLE = "schema_unavailable";
    private static final Logger LOG = Logger.getLogger(ParameterValidator.class.getName());
    private static final SchemaErrors.Style STYLE = new SchemaErrors.Style("parameters", SchemaErrors::humanLabel,
            "unknown_parameter", "is not a parameter of this action.");

    /** Compiles the schema of an action version; {@code versionKey} names the (immutable) version. */
    @FunctionalInterface
    public interface Compiler {
        JsonSchema compile(String versionKey, JsonNode schema);
    }

    private final Compiler compiler;

    /** A validator that compiles every schema afresh (no cache). */
    public ParameterValidator() {
        this((versionKey, schema) -> JsonSchemas.compile(schema));
    }

    public ParameterValidator(Compiler compiler) {
        this.compiler = compiler;
    }

    /**
     * Every problem of {@code parameters} under {@code schema}, one per bad field with path
     * {@code parameters.<field>}; {@code versionKey} identifies the (immutable) action version.
     */
    public List<FieldError> validate(String versionKey, JsonNode schema, JsonNode parameters) {
        try {
            JsonSchema compiled = compiler.compile(versionKey, schema);
            return SchemaErrors.toFieldErrors(compiled.validate(parameters), STYLE,
                    at -> SchemaErrors.describe(schema, at));
        } catch (RuntimeException e) {
            // e.g. a $ref to a remote schema, which this service never fetches, or a pattern RE2 refuses
            // (LinearRegex.UnsupportedPatternException: backreference, lookaround, too large): the proposal cannot
            // be checked. A definition saved since the registry checks patterns with RE2 never gets here.
            LOG.log(Level.WARNING, "parameters schema of {0} cannot be evaluated: {1}",
                    new Object[] {versionKey, e.toString()});
            return List.of(new FieldError("parameters", SCHEMA_UNAVAILABLE,
                    "The parameters cannot be checked because this action's definition is broken; "
                            + "ask its owner to fix it."));
        }
    }
}
