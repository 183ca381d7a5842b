package dev.countersign.registry.domain;

import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.actions.Parameter;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.webhook.WebhookHeaders;
import dev.countersign.kit.domain.DomainException;
import dev.countersign.kit.egress.EgressPolicy;
import dev.countersign.kit.json.FieldPaths;
import dev.countersign.kit.regex.LinearRegex;
import dev.countersign.kit.schema.JsonSchemas;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.countersign.contracts.actions.RetryPolicy;
import dev.countersign.kit.policy.CelRules;
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
    static final int MAX_TIMEOUT_MS = 30_000;
    static final int MAX_EXPIRY_MINUTES = 43_200;

    private final EgressPolicy egress;

    public DefinitionValidator(EgressPolicy egress) {
        this.egress = egress;
    }

    /** The refusal of a definition with {@code errors}, every one of them listed. */
    public static DomainException problem(List<FieldError> errors) {
        return DomainException.invalid("invalid", "The action definition has " + errors.size() + " problem(s).", errors);
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
                    // compiled exactly as proposal-service runs it: offline (no $ref fetch, SSRF) with RE2/J patterns
                    JsonSchemas.compile(d.parametersSchema()).initializeValidators();
                } catch (RuntimeException e) {
                    LinearRegex.UnsupportedPatternException pattern = LinearRegex.unsupportedCause(e);
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
            String at = FieldPaths.of("parameters", List.of(i));
            if (p == null) {
                errors.add(new FieldError(at, "required", "A parameter must be an object."));
                continue;
            }
            if (p.name() == null || !NAME.matcher(p.name()).matches()) {
                errors.add(new FieldError(member(at, "name"), "invalid_name",
                        "The name must match ^[a-zA-Z0-9_-]{1,64}$."));
            } else if (!seen.add(p.name())) {
                errors.add(new FieldError(member(at, "name"), "duplicate",
                        "Parameter '" + p.name() + "' is defined twice."));
            }
            if (p.type() == null || !TYPES.contains(p.type())) {
                errors.add(new FieldError(member(at, "type"), "unknown_type", "The type must be one of " + TYPES + "."));
            }
            if ("enum".equals(p.type()) && (p.values() == null || p.values().isEmpty())) {
                errors.add(new FieldError(member(at, "values"), "required", "An enum parameter needs its values."));
            }
            if (p.pattern() != null) {
                try {
                    Pattern.compile(p.pattern());
                    LinearRegex.compile(p.pattern());
                } catch (PatternSyntaxException e) {
                    errors.add(new FieldError(member(at, "pattern"), "invalid_pattern", "Not a valid regular expression: "
                            + e.getDescription() + "."));
                } catch (LinearRegex.UnsupportedPatternException e) {
                    errors.add(new FieldError(member(at, "pattern"), "invalid_pattern", "Only linear-time (RE2) regular "
                            + "expression syntax is supported (no backreferences, lookaround, atomic groups or "
                            + "possessive quantifiers; at most " + LinearRegex.MAX_PROGRAM_SIZE + " steps): "
                            + e.getMessage() + "."));
                }
            }
            if (p.min() != null && p.max() != null && p.min().compareTo(p.max()) > 0) {
                errors.add(new FieldError(member(at, "max"), "min_greater_than_max", "max must not be less than min."));
            }
            if (p.minLength() != null && p.maxLength() != null && p.minLength() > p.maxLength()) {
                errors.add(new FieldError(member(at, "max_length"), "min_greater_than_max",
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
            String at = FieldPaths.of("approval.rules", List.of(i));
            if (rule == null) {
                errors.add(new FieldError(at, "required", "A rule must be an object."));
                continue;
            }
            CelRules.problem(rule.when()).ifPresent(problem -> errors.add(new FieldError(member(at, "when"),
                    "invalid_cel", "The rule is not a valid boolean CEL expression: " + problem)));
            approver(rule.approver(), member(at, "approver"), errors);
            if (rule.quorum() != null && rule.quorum() < 1) {
                errors.add(new FieldError(member(at, "quorum"), "out_of_range", "quorum must be at least 1."));
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
            String at = FieldPaths.of("rate_limits", List.of(i));
            if (limit == null) {
                errors.add(new FieldError(at, "required", "A rate limit must be an object."));
                continue;
            }
            if (limit.scope() == null || !SCOPES.contains(limit.scope())) {
                errors.add(new FieldError(member(at, "scope"), "unknown_scope", "The scope must be one of " + SCOPES + "."));
            }
            if (limit.limit() == null || limit.limit() < 1) {
                errors.add(new FieldError(member(at, "limit"), "out_of_range", "limit must be at least 1."));
            }
            try {
                if (limit.window() == null || java.time.Duration.parse(limit.window()).isNegative()
                        || java.time.Duration.parse(limit.window()).isZero()) {
                    errors.add(new FieldError(member(at, "window"), "invalid_duration",
                            "window must be a positive ISO-8601 duration such as PT10M."));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError(member(at, "window"), "invalid_duration",
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
            if (auth.credential() == null || !CredentialRules.NAME.matcher(auth.credential()).matches()) {
                errors.add(new FieldError("execution.auth.credential", "required",
                        "auth.credential must name a stored credential (^[a-zA-Z0-9_.-]{1,64}$)."));
            }
            if (auth.header() != null && !WebhookHeaders.validName(auth.header())) {
                errors.add(new FieldError("execution.auth.header", "invalid_header", "Not a valid HTTP header name."));
            } else if (auth.header() != null && WebhookHeaders.reserved(auth.header())) {
                errors.add(new FieldError("execution.auth.header", "reserved_header", "The header '" + auth.header()
                        + "' is set by Countersign itself (webhook-*, traceparent, content-type, user-agent, host, "
                        + "framing headers); choose another one."));
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
                && (d.execution().retry().maxAttempts() < 1
                        || d.execution().retry().maxAttempts() > RetryPolicy.MAX_ATTEMPTS)) {
            errors.add(new FieldError("execution.retry.max_attempts", "out_of_range",
                    "max_attempts must be between 1 and " + RetryPolicy.MAX_ATTEMPTS + "."));
        }
    }

    // "parameters[1]" + "max" -> "parameters[1].max"
    private static String member(String at, String name) {
        return FieldPaths.of(at, List.of(name));
    }
}
