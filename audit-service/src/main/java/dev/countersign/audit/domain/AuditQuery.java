package dev.countersign.audit.domain;

import dev.countersign.contracts.events.FieldError;
import dev.countersign.kit.domain.DomainException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One keyset page of a tenant's log: the filters (null members do not filter; {@code tenant} always does),
 * {@code afterSeq < seq <= untilSeq}, at most {@code limit} rows in seq order. Built from the raw query
 * parameters, with every invalid one reported at once.
 */
public record AuditQuery(String tenant, String proposalId, String conversationId, String actor, String type,
        Instant since, Instant until, long afterSeq, Long untilSeq, int limit) {
    /** Page size of a query when none is asked for. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page a query may ask for. */
    public static final int MAX_LIMIT = 1000;

    /**
     * The query {@code GET /v1/audit} asks for; {@code since} (inclusive) and {@code until} (exclusive) bound
     * {@code recorded_at} and are RFC 3339. Throws {@link DomainException} ({@code invalid}) naming every bad one.
     */
    public static AuditQuery of(String tenant, String proposalId, String conversationId, String actor, String type,
            String since, String until, String afterSeq, String limit) {
        List<FieldError> errors = new ArrayList<>();
        Instant from = instant("since", since, errors);
        Instant to = instant("until", until, errors);
        long after = number("after_seq", afterSeq, 0, 0, Long.MAX_VALUE, errors);
        int size = (int) number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT, errors);
        requireValid(errors);
        return new AuditQuery(tenant, blankToNull(proposalId), blankToNull(conversationId), blankToNull(actor),
                blankToNull(type), from, to, after, null, size);
    }

    /**
     * The first page of an export of the tenant's rows with {@code after_seq < seq <= until_seq}, {@code pageSize}
     * rows per page; the next pages follow with {@link #after}.
     */
    public static AuditQuery export(String tenant, String afterSeq, String untilSeq, int pageSize) {
        List<FieldError> errors = new ArrayList<>();
        long after = number("after_seq", afterSeq, 0, 0, Long.MAX_VALUE, errors);
        long until = number("until_seq", untilSeq, Long.MAX_VALUE, 0, Long.MAX_VALUE, errors);
        requireValid(errors);
        return new AuditQuery(tenant, null, null, null, null, null, null, after, until, pageSize);
    }

    /** The same query resumed after {@code seq} (the next keyset page). */
    public AuditQuery after(long seq) {
        return new AuditQuery(tenant, proposalId, conversationId, actor, type, since, until, seq, untilSeq, limit);
    }

    /** Whether {@code page}, a result of this query, was full, so a next page may follow. */
    public boolean full(List<AuditEntry> page) {
        return page.size() == limit;
    }

    /** The {@code after_seq} of the next page when {@code page} was full, else null. */
    public Long nextAfterSeq(List<AuditEntry> page) {
        return full(page) ? page.get(page.size() - 1).seq() : null;
    }

    private static void requireValid(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw DomainException.invalid("invalid", "A query parameter is not valid.", errors);
        }
    }

    private static Instant instant(String name, String value, List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "invalid_datetime", name + " must be an RFC 3339 date-time, e.g. "
                    + "2026-11-22T10:30:00Z."));
            return null;
        }
    }

    private static long number(String name, String value, long fallback, long min, long max,
            List<FieldError> errors) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                errors.add(new FieldError(name, "out_of_range", name + " must be between " + min + " and " + max + "."));
            }
            return n;
        } catch (NumberFormatException e) {
            errors.add(new FieldError(name, "not_an_integer", name + " must be an integer."));
            return fallback;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
