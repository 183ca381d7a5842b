package dev.countersign.registry.domain;

import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import java.util.Optional;

/**
 * Compiles approval {@code when} rules as CEL over {@code parameters}, {@code user} and {@code context}, so a
 * definition with a rule that cannot run is refused when it is saved rather than when a proposal arrives.
 */
public final class RuleCompiler {
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("parameters", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("user", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("context", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();

    private RuleCompiler() {
    }

    /** Why {@code expression} does not compile to a boolean CEL expression, or empty when it does. */
    public static Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("The rule needs a CEL expression.");
        }
        var result = COMPILER.compile(expression);
        return result.hasError() ? Optional.of(result.getErrorString()) : Optional.empty();
    }
}
