package dev.countersign.approval.domain;

import dev.countersign.kit.domain.DomainException;

/** Where an accepted proposal stands in approval; the wire and column value is the lower-case name. */
public enum ApprovalState {
    AWAITING, APPROVED, DENIED, EXPIRED;

    /** The value stored in {@code approvals.state} and shown by the API. */
    public String wire() {
        return name().toLowerCase();
    }

    /** The state named {@code value}, or null when it names none. */
    public static ApprovalState fromWire(String value) {
        for (ApprovalState state : values()) {
            if (state.wire().equals(value)) {
                return state;
            }
        }
        return null;
    }

    /** The state a caller asked for by name; a name that is no state is malformed input (400). */
    public static ApprovalState parse(String value) {
        ApprovalState state = fromWire(value);
        if (state == null) {
            throw new DomainException(DomainException.Kind.MALFORMED, "malformed",
                    "state must be one of awaiting, approved, denied, expired.");
        }
        return state;
    }
}
