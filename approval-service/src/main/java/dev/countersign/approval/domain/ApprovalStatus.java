package dev.countersign.approval.domain;

import dev.countersign.kit.domain.DomainException;
import java.util.Locale;

/**
 * Where an accepted proposal's approval stands (DESIGN §4b): {@code pending} (awaiting a decision or a dry run),
 * {@code approved}, {@code denied}, {@code expired}. The wire and column value is the lower-case name.
 */
public enum ApprovalStatus {
    PENDING, APPROVED, DENIED, EXPIRED;

    /** The value stored in {@code approvals.status} and shown by the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether no decision can change it any more. */
    public boolean isFinal() {
        return this != PENDING;
    }

    /** The status named {@code value}, or null when it names none. */
    public static ApprovalStatus fromWire(String value) {
        for (ApprovalStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        return null;
    }

    /** The status a caller asked for by name; a name that is no status is malformed input (400). */
    public static ApprovalStatus parse(String value) {
        ApprovalStatus status = fromWire(value);
        if (status == null) {
            throw new DomainException(DomainException.Kind.MALFORMED, "malformed",
                    "status must be one of pending, approved, denied, expired.");
        }
        return status;
    }
}
