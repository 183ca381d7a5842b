package dev.countersign.approval.domain;

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
}
