package dev.countersign.kit.domain;

import dev.countersign.contracts.events.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A rule of the domain said no. Plain Java on purpose (no HTTP, no framework): domain code throws it with a
 * stable {@code code} and a {@link Kind}; the kit's one problem mapper turns it into an RFC 9457 problem
 * (the kind chooses the status), and event handlers read the code. Subclass it for a rule with its own name.
 */
public class DomainException extends RuntimeException {

    /** What sort of refusal it is; the REST layer maps each to one status. */
    public enum Kind {
        /** The input breaks a rule (422). */
        INVALID,
        /** The input cannot be read at all (400). */
        MALFORMED,
        /** Nothing by that id for this caller (404). */
        NOT_FOUND,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** The current state does not allow it (409). */
        CONFLICT,
        /** Too many requests; retry later (429). */
        RATE_LIMITED
    }

    private final Kind kind;
    private final String code;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public DomainException(Kind kind, String code, String message, List<FieldError> errors,
            Map<String, Object> extensions) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public DomainException(Kind kind, String code, String message) {
        this(kind, code, message, List.of(), Map.of());
    }

    /** {@link Kind#NOT_FOUND} with code {@code not_found}. */
    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, "not_found", message);
    }

    /** {@link Kind#INVALID} with {@code code} and every field problem. */
    public static DomainException invalid(String code, String message, List<FieldError> errors) {
        return new DomainException(Kind.INVALID, code, message, errors, Map.of());
    }

    /** {@link Kind#FORBIDDEN} with {@code code}. */
    public static DomainException forbidden(String code, String message) {
        return new DomainException(Kind.FORBIDDEN, code, message);
    }

    /** {@link Kind#CONFLICT} with {@code code}. */
    public static DomainException conflict(String code, String message) {
        return new DomainException(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** Every field problem, for {@link Kind#INVALID}. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the problem, e.g. {@code retry_after_seconds}. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
