package dev.countersign.registry.domain;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.resource.DisallowSchemaLoader;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.actions.Parameter;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.egress.EgressPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a definition on save and reports every problem at once, each with its field path. */
public final class DefinitionValidator {
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");
    static final Pattern SEGMENT = Pattern.compile("^[a-zA-Z0-9_.-]{1,128}$");
    static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "email", "date", "datetime",
            "url", "enum");
    static final Set<String> MODES = Set.of(ApprovalModes.AUTO, ApprovalModes.REQUIRE_APPROVAL,
            ApprovalModes.DRY_RUN_FIRST);
    static final Set<String> KINDS = Set.of("webhook", "email", "http_template");
    static final Set<String> SCOPES = Set.of("user", "conversation", "global");
    static final Set<String> DRY_RUN_STYLES = Set.of("simulate", "endpoint");
    static final Pattern APPROVER_ROLE = Pattern.compile("^role:[a-zA-Z0-9_.-]{1,64}$");
    static final Pattern CREDENTIAL = Pattern.compile("^[a-zA-Z0-9_.-]{1,64}$");
    static final Pattern HEADER = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$");
    static final int MAX_TIMEOUT_MS = 30_000;
    static final int MAX_EXPIRY_MINUTES = 43_200;

    // Never fetches a $ref'd document: a definition must not make the registry call out (SSRF).
    private static final JsonSchemaFactory OFFLINE = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance())));

    // Patterns are compiled as the proposal-service runs them: with RE2/J (linear-time matching, no backtracking),
    // so a definition saved here never has a pattern that service refuses or that could stall its intake.
    private static final SchemaValidatorsConfig LINEAR_REGEX = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(Re2Patterns.FACTORY).build();

    private final EgressPolicy egress;

    public DefinitionValidator(EgressPolicy egress) {
        this.egress = egress;
    }

    /** All problems of {@code d}; empty when it may be saved. */
    public List<FieldError> validate(ActionDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        segment(d.tenant(), "tenant", errors);
        segment(d.assistant(), "assistant", errors);
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            errors.add(new FieldError("name", "invalid_name", "The name must match ^[a-zA-Z0-9_-]{1,64}$."));
        }
        if (d.description() == null || d.description().strip().length() < 20) {
            errors.add(new FieldError("description", "too_short",
                    "The description must say in at least 20 characters when the assistant should use the action."));
        }
        parameters(d, errors);
        approval(d, errors);
        execution(d, errors);
        rateLimits(d, errors);
        return errors;
    }

    private static void segment(String value, String path, List<FieldError> errors) {
        if (value == null || !SEGMENT.matcher(value).matches()) {
            errors.add(new FieldError(path, "required", "The " + path + " is required (letters, digits, _ . -)."));
        }
    }

    private static void parameters(ActionDefinition d, List<FieldError> errors) {
        if (d.parameters() != null && d.parametersSchema() != null) {
            errors.add(new FieldError("parameters_schema", "conflict",
                    "Give either a typed parameters list or parameters_schema, not both."));
        }
        if (d.parametersSchema() != null) {
            if (!d.parametersSchema().isObject() || !"object".equals(d.parametersSchema().path("type").asText())) {
                errors.add(new FieldError("parameters_schema", "invalid_schema",
                        "parameters_schema must be a JSON Schema object with \"type\": \"object\"."));
            } else {
                try {
                    OFFLINE.getSchema(d.parametersSchema(), LINEAR_REGEX).initializeValidators();
                } catch (RuntimeException e) {
                    Re2Patterns.Unsupported pattern = Re2Patterns.causeOf(e);
                    if (pattern != null) {
                        errors.add(new FieldError("parameters_schema", "invalid_pattern",
                                "parameters_schema has a pattern that cannot be used. " + pattern.getMessage()));
                    } else {
                        // A fixed message: the exception could quote what a (refused) reference pointed at.
                        errors.add(new FieldError("parameters_schema", "invalid_schema",
                                "parameters_schema is not a valid JSON Schema 2020-12 object, or refers to another "
                                        + "document ($ref to a URL is not allowed: schemas must be self-contained)."));
                    }
                }
            }
            return;
        }
        List<Parameter> params = d.parameters() == null ? List.of() : d.parameters();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
            Parameter p = params.get(i);
            String at = "parameters[" + i + "]";
            if (p == null) {
                errors.add(new FieldError(at, "required", "A parameter must be an object."));
                continue;
            }
            if (p.name() == null || !NAME.matcher(p.name()).matches()) {
                errors.add(new FieldError(at + ".name", "invalid_name", "The name must match ^[a-zA-Z0-9_-]{1,64}$."));
            } else if (!seen.add(p.name())) {
                errors.add(new FieldError(at + ".name", "duplicate", "Parameter '" + p.name() + "' is defined twice."));
            }
            if (p.type() == null || !TYPES.contains(p.type())) {
                errors.add(new FieldError(at + ".type", "unknown_type", "The type must be one of " + TYPES + "."));
            }
            if ("enum".equals(p.type()) && (p.values() == null || p.values().isEmpty())) {
                errors.add(new FieldError(at + ".values", "required", "An enum parameter needs its values."));
            }
            if (p.pattern() != null) {
                try {
                    Pattern.compile(p.pattern());
                    Re2Patterns.compile(p.pattern());
                } catch (PatternSyntaxException e) {
                    errors.add(new FieldError(at + ".pattern", "invalid_pattern", "Not a valid regular expression: "
                            + e.getDescription() + "."));
                } catch (Re2Patterns.Unsupported e) {
                    errors.add(new FieldError(at + ".pattern", "invalid_pattern", e.getMessage()));
                }
            }
            if (p.min() != null && p.max() != null && p.min().compareTo(p.max()) > 0) {
                errors.add(new FieldError(at + ".max", "min_greater_than_max", "max must not be less than min."));
            }
            if (p.minLength() != null && p.maxLength() != null && p.minLength() > p.maxLength()) {
                errors.add(new FieldError(at + ".max_length", "min_greater_than_max",
                        "max_length must not be less than min_length."));
            }
        }
    }

    private static void approval(ActionDefinition d, List<FieldError> errors) {
        if (d.approval() == null) {
            return;
        }
        if (d.approval().mode() != null && !MODES.contains(d.approval().mode())) {
            errors.add(new FieldError("approval.mode", "unknown_mode", "The mode must be one of " + MODES + "."));
        }
        Integer expiry = d.approval().expiresInMinutes();
        if (expiry != null && (expiry < 1 || expiry > MAX_EXPIRY_MINUTES)) {
            errors.add(new FieldError("approval.expires_in_minutes", "out_of_range",
                    "expires_in_minutes must be between 1 and " + MAX_EXPIRY_MINUTES + "."));
        }
        if (d.approval().quorum() != null && d.approval().quorum() < 1) {
            errors.add(new FieldError("approval.quorum", "out_of_range", "quorum must be at least 1."));
        }
        Integer maxExpiry = d.approval().maxExpiresInMinutes();
        if (maxExpiry != null && (maxExpiry < 1 || maxExpiry > MAX_EXPIRY_MINUTES)) {
            errors.add(new FieldError("approval.max_expires_in_minutes", "out_of_range",
                    "max_expires_in_minutes must be between 1 and " + MAX_EXPIRY_MINUTES + "."));
        } else if (maxExpiry != null && expiry != null && expiry > maxExpiry) {
            errors.add(new FieldError("approval.expires_in_minutes", "above_maximum",
                    "The default expiry must not exceed max_expires_in_minutes."));
        }
        approver(d.approval().approver(), "approval.approver", errors);
        var rules = d.approval().rules() == null ? List.<dev.countersign.contracts.actions.ApprovalRule>of()
                : d.approval().rules();
        for (int i = 0; i < rules.size(); i++) {
            var rule = rules.get(i);
            String at = "approval.rules[" + i + "]";
            if (rule == null) {
                errors.add(new FieldError(at, "required", "A rule must be an object."));
                continue;
            }
            RuleCompiler.problem(rule.when()).ifPresent(problem -> errors.add(new FieldError(at + ".when",
                    "invalid_cel", "The rule is not a valid boolean CEL expression: " + problem)));
            approver(rule.approver(), at + ".approver", errors);
            if (rule.quorum() != null && rule.quorum() < 1) {
                errors.add(new FieldError(at + ".quorum", "out_of_range", "quorum must be at least 1."));
            }
        }
    }

    private static void approver(String approver, String path, List<FieldError> errors) {
        if (approver != null && !approver.equals("end_user") && !APPROVER_ROLE.matcher(approver).matches()) {
            errors.add(new FieldError(path, "invalid_approver", "The approver must be end_user or role:<name>."));
        }
    }

    private static void rateLimits(ActionDefinition d, List<FieldError> errors) {
        var limits = d.rateLimits() == null ? List.<dev.countersign.contracts.actions.RateLimit>of() : d.rateLimits();
        for (int i = 0; i < limits.size(); i++) {
            var limit = limits.get(i);
            String at = "rate_limits[" + i + "]";
            if (limit == null) {
                errors.add(new FieldError(at, "required", "A rate limit must be an object."));
                continue;
            }
            if (limit.scope() == null || !SCOPES.contains(limit.scope())) {
                errors.add(new FieldError(at + ".scope", "unknown_scope", "The scope must be one of " + SCOPES + "."));
            }
            if (limit.limit() == null || limit.limit() < 1) {
                errors.add(new FieldError(at + ".limit", "out_of_range", "limit must be at least 1."));
            }
            try {
                if (limit.window() == null || java.time.Duration.parse(limit.window()).isNegative()
                        || java.time.Duration.parse(limit.window()).isZero()) {
                    errors.add(new FieldError(at + ".window", "invalid_duration",
                            "window must be a positive ISO-8601 duration such as PT10M."));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError(at + ".window", "invalid_duration",
                        "window must be a positive ISO-8601 duration such as PT10M."));
            }
        }
    }

    private void execution(ActionDefinition d, List<FieldError> errors) {
        if (d.execution() == null) {
            errors.add(new FieldError("execution", "required", "The execution block is required."));
            return;
        }
        if (d.execution().kind() == null || !KINDS.contains(d.execution().kind())) {
            errors.add(new FieldError("execution.kind", "unknown_kind", "The kind must be one of " + KINDS + "."));
        }
        if ("webhook".equals(d.execution().kind())) {
            if (d.execution().url() == null) {
                errors.add(new FieldError("execution.url", "required", "A webhook needs its url."));
            } else {
                errors.addAll(egress.checkUrl(d.execution().url(), "execution.url"));
            }
        }
        Integer timeout = d.execution().timeoutMs();
        if (timeout != null && (timeout < 1 || timeout > MAX_TIMEOUT_MS)) {
            errors.add(new FieldError("execution.timeout_ms", "out_of_range",
                    "timeout_ms must be between 1 and " + MAX_TIMEOUT_MS + "."));
        }
        var auth = d.execution().auth();
        if (auth != null) {
            if (auth.credential() == null || !CREDENTIAL.matcher(auth.credential()).matches()) {
                errors.add(new FieldError("execution.auth.credential", "required",
                        "auth.credential must name a stored credential (^[a-zA-Z0-9_.-]{1,64}$)."));
            }
            if (auth.header() != null && !HEADER.matcher(auth.header()).matches()) {
                errors.add(new FieldError("execution.auth.header", "invalid_header", "Not a valid HTTP header name."));
            }
        }
        if (d.execution().dryRun() != null && !DRY_RUN_STYLES.contains(d.execution().dryRun())) {
            errors.add(new FieldError("execution.dry_run", "unknown_dry_run",
                    "dry_run must be one of " + DRY_RUN_STYLES + "."));
        }
        var retry = d.execution().retry();
        if (retry != null && retry.initialBackoffMs() != null && retry.maxBackoffMs() != null
                && retry.initialBackoffMs() > retry.maxBackoffMs()) {
            errors.add(new FieldError("execution.retry.max_backoff_ms", "min_greater_than_max",
                    "max_backoff_ms must not be less than initial_backoff_ms."));
        }
        if (d.execution().retry() != null && d.execution().retry().maxAttempts() != null
                && (d.execution().retry().maxAttempts() < 1 || d.execution().retry().maxAttempts() > 20)) {
            errors.add(new FieldError("execution.retry.max_attempts", "out_of_range",
                    "max_attempts must be between 1 and 20."));
        }
    }

    /**
     * RE2/J compilation of patterns, as the proposal-service does it ({@code LinearRegex} there; a copy because the
     * two services share no code but contracts and the kit). RE2 has no backreferences or lookaround, and RE2/J
     * expands counted repetitions at compile time without a limit of its own, so the expanded size is bounded
     * before compiling.
     */
    static final class Re2Patterns {
        /** Largest program accepted, in RE2 instructions (as the proposal-service's limit). */
        static final int MAX_PROGRAM_SIZE = 5_000;
        static final RegularExpressionFactory FACTORY = regex -> {
            com.google.re2j.Pattern compiled = compile(regex);
            return (RegularExpression) input -> compiled.matcher(input).find();
        };
        private static final long SATURATED = 1L << 40;
        private static final int MAX_COUNT = 100_000;

        private Re2Patterns() {
        }

        /** A pattern RE2/J refuses, or one too large to compile safely. */
        static final class Unsupported extends IllegalArgumentException {
            private static final long serialVersionUID = 1L;

            Unsupported(String message) {
                super(message);
            }
        }

        /** The {@link Unsupported} pattern that caused {@code failure} (the schema validator may wrap it), or null. */
        static Unsupported causeOf(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof Unsupported unsupported) {
                    return unsupported;
                }
            }
            return null;
        }

        static com.google.re2j.Pattern compile(String regex) {
            if (expandedSize(regex) > MAX_PROGRAM_SIZE) {
                throw tooLarge();
            }
            com.google.re2j.Pattern compiled;
            try {
                compiled = com.google.re2j.Pattern.compile(regex);
            } catch (com.google.re2j.PatternSyntaxException e) {
                throw new Unsupported("Only linear-time (RE2) regular expression syntax is supported: no "
                        + "backreferences, lookahead/lookbehind, atomic groups or possessive quantifiers ("
                        + e.getDescription() + ").");
            }
            if (compiled.programSize() > MAX_PROGRAM_SIZE) {
                throw tooLarge();
            }
            return compiled;
        }

        private static Unsupported tooLarge() {
            return new Unsupported("The regular expression is too large: its counted repetitions expand to more "
                    + "than " + MAX_PROGRAM_SIZE + " steps (use min_length/max_length for lengths).");
        }

        // An upper bound of the RE2 program size with counted repetitions expanded, from the text alone.
        static long expandedSize(String re) {
            Deque<long[]> groups = new ArrayDeque<>();
            long total = 0;
            long last = 0;
            int i = 0;
            int n = re.length();
            while (i < n) {
                char c = re.charAt(i);
                if (c == '\\') {
                    int end = skipEscape(re, i);
                    total = add(total, last);
                    last = re.startsWith("\\Q", i) ? Math.max(1, end - i - 4) : 1;
                    i = end;
                } else if (c == '[') {
                    total = add(total, last);
                    last = 1;
                    i = skipClass(re, i);
                } else if (c == '(') {
                    groups.push(new long[] {total, last});
                    total = 0;
                    last = 0;
                    i++;
                } else if (c == ')' && !groups.isEmpty()) {
                    long group = add(add(total, last), 2);
                    long[] outer = groups.pop();
                    total = add(outer[0], outer[1]);
                    last = group;
                    i++;
                } else if (c == '*' || c == '+' || c == '?') {
                    last = add(last, 1);
                    i++;
                } else if (c == '{' && repetitionEnd(re, i) > 0) {
                    int end = repetitionEnd(re, i);
                    last = Math.min(SATURATED, add(last, 1) * repetitionMax(re.substring(i + 1, end - 1)));
                    i = end;
                } else if (c == '|') {
                    total = add(add(total, last), 1);
                    last = 0;
                    i++;
                } else {
                    total = add(total, last);
                    last = 1;
                    i++;
                }
            }
            while (!groups.isEmpty()) {
                long group = add(add(total, last), 2);
                long[] outer = groups.pop();
                total = add(outer[0], outer[1]);
                last = group;
            }
            return add(total, last);
        }

        private static long add(long a, long b) {
            return Math.min(SATURATED, a + b);
        }

        private static int skipEscape(String re, int i) {
            int n = re.length();
            if (i + 1 >= n) {
                return n;
            }
            char e = re.charAt(i + 1);
            if (e == 'Q') {
                int end = re.indexOf("\\E", i + 2);
                return end < 0 ? n : end + 2;
            }
            if ((e == 'p' || e == 'P' || e == 'x') && i + 2 < n && re.charAt(i + 2) == '{') {
                int end = re.indexOf('}', i + 3);
                return end < 0 ? n : end + 1;
            }
            if (e == 'p' || e == 'P') {
                return Math.min(n, i + 3);
            }
            if (e == 'x') {
                return Math.min(n, i + 4);
            }
            return i + 2;
        }

        private static int skipClass(String re, int i) {
            int n = re.length();
            int j = i + 1;
            if (j < n && re.charAt(j) == '^') {
                j++;
            }
            if (j < n && re.charAt(j) == ']') {
                j++;
            }
            while (j < n) {
                char c = re.charAt(j);
                if (c == '\\') {
                    j = skipEscape(re, j);
                } else if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
                    int end = re.indexOf(":]", j + 2);
                    j = end < 0 ? j + 1 : end + 2;
                } else if (c == ']') {
                    return j + 1;
                } else {
                    j++;
                }
            }
            return n;
        }

        private static int repetitionEnd(String re, int i) {
            int j = i + 1;
            int n = re.length();
            int digits = 0;
            while (j < n && re.charAt(j) >= '0' && re.charAt(j) <= '9') {
                j++;
                digits++;
            }
            if (digits == 0 || j >= n) {
                return -1;
            }
            if (re.charAt(j) == ',') {
                j++;
                while (j < n && re.charAt(j) >= '0' && re.charAt(j) <= '9') {
                    j++;
                }
            }
            return j < n && re.charAt(j) == '}' ? j + 1 : -1;
        }

        private static long repetitionMax(String body) {
            int comma = body.indexOf(',');
            if (comma < 0) {
                return Math.max(1, count(body));
            }
            String upper = body.substring(comma + 1);
            return Math.max(1, upper.isEmpty() ? count(body.substring(0, comma)) + 1
                    : Math.max(count(upper), count(body.substring(0, comma))));
        }

        private static long count(String digits) {
            return digits.length() > 6 ? MAX_COUNT : Math.min(MAX_COUNT, Long.parseLong(digits));
        }
    }
}
