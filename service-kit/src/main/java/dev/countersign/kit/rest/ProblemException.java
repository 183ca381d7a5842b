package dev.countersign.kit.rest;

import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import java.util.List;
import java.util.Map;

/** Thrown by resources to answer with a problem; the mapper turns it into {@code application/problem+json}. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String code, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), Map.of());
    }

    /**
     * The problem a domain refusal answers: its kind decides the status and title, its code, message, field
     * errors and extensions are kept. The one mapping, for the exception mapper, bulk results and HTML pages alike.
     */
    public static ProblemException of(DomainException e) {
        int status = switch (e.kind()) {
            case INVALID -> 422;
            case MALFORMED -> 400;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case RATE_LIMITED -> 429;
        };
        String title = switch (e.kind()) {
            case INVALID -> "Invalid request";
            case MALFORMED -> "Malformed request";
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Forbidden";
            case CONFLICT -> "Conflict";
            case RATE_LIMITED -> "Too many requests";
        };
        return new ProblemException(status, e.code(), title, e.getMessage(), e.errors(), e.extensions());
    }

    /** 404 with code {@code not_found}; also what a caller gets for another tenant's ids. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not_found", "Not found", detail);
    }

    /** 400 with code {@code malformed}. */
    public static ProblemException malformed(String detail) {
        return new ProblemException(400, "malformed", "Malformed request", detail);
    }

    /** 403 with code {@code forbidden}. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    /** 422 with code {@code invalid} and every field problem. */
    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(422, "invalid", "Invalid request", detail, errors, Map.of());
    }

    /** The problem body. */
    public Problem toProblem() {
        return new Problem("https://countersign.dev/problems/" + code, title, status, getMessage(), code, errors,
                extensions);
    }

    public int status() {
        return status;
    }
}
