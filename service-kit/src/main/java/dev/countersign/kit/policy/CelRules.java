package dev.countersign.kit.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Approval {@code when} rules (DESIGN §4): boolean CEL expressions over {@code parameters}, {@code user} and
 * {@code context}. The registry compiles them when a definition is saved; approval-service evaluates them when a
 * proposal arrives. One environment for both, so a rule that saved is a rule that runs.
 *
 * <p>JSON numbers arrive as Java integers, longs, big integers and big decimals; CEL knows {@code int} (64-bit)
 * and {@code double}, so values are converted on the way in, and numbers of either kind compare with each other
 * ({@code parameters.amount > 1000} holds for {@code 1500.5}).
 */
public final class CelRules {
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            // has(), all(), exists(), exists_one(), map(), filter(): rules guard optional fields with has().
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("parameters", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("user", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("context", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .build();
    // Definitions are few and their rules immutable per version: compile each expression once.
    private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 10_000;

    private CelRules() {
    }

    /** Why {@code expression} does not compile to a boolean CEL expression, or empty when it does. */
    public static Optional<String> problem(String expression) {
        if (expression == null || expression.isBlank()) {
            return Optional.of("The rule needs a CEL expression.");
        }
        var result = COMPILER.compile(expression);
        return result.hasError() ? Optional.of(result.getErrorString()) : Optional.empty();
    }

    /**
     * Whether {@code expression} holds for these inputs.
     *
     * @throws RuleException when it does not compile or cannot be evaluated (a missing key, a type mismatch);
     *         callers decide what an unevaluable rule means (approvals treat it as matching: fail closed)
     */
    public static boolean holds(String expression, Map<String, ?> parameters, Map<String, ?> user,
            Map<String, ?> context) {
        CelRuntime.Program program = program(expression);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("parameters", toCel(parameters == null ? Map.of() : parameters));
        input.put("user", toCel(user == null ? Map.of() : user));
        input.put("context", toCel(context == null ? Map.of() : context));
        try {
            Object result = program.eval(input);
            if (result instanceof Boolean b) {
                return b;
            }
            throw new RuleException("the rule gave " + result + " instead of true or false");
        } catch (CelEvaluationException e) {
            throw new RuleException(e.getMessage(), e);
        }
    }

    private static CelRuntime.Program program(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new RuleException("the rule has no expression");
        }
        CelRuntime.Program cached = PROGRAMS.get(expression);
        if (cached != null) {
            return cached;
        }
        var compiled = COMPILER.compile(expression);
        if (compiled.hasError()) {
            throw new RuleException("the rule does not compile: " + compiled.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            CelRuntime.Program program = RUNTIME.createProgram(ast);
            if (PROGRAMS.size() < MAX_CACHED) {
                PROGRAMS.put(expression, program);
            }
            return program;
        } catch (Exception e) {
            throw new RuleException("the rule cannot run: " + e.getMessage(), e);
        }
    }

    /** JSON-shaped Java values as CEL values: 64-bit ints, doubles, and maps and lists of them. */
    static Object toCel(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(toCel(v)));
            return out;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : big.doubleValue();
        }
        if (value instanceof BigDecimal decimal) {
            if (decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0) {
                try {
                    return decimal.longValueExact();
                } catch (ArithmeticException tooBig) {
                    return decimal.doubleValue();
                }
            }
            return decimal.doubleValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    /** A rule that cannot be compiled or evaluated for the given inputs. */
    public static final class RuleException extends RuntimeException {
        public RuleException(String message) {
            super(message);
        }

        public RuleException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
