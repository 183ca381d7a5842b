package dev.countersign.contracts.events;

/** The rejection {@code code}s of DESIGN §2. */
public final class RejectionCodes {
    public static final String MALFORMED = "malformed";
    public static final String UNKNOWN_ACTION = "unknown_action";
    public static final String ACTION_RETIRED = "action_retired";
    public static final String INVALID_PARAMETERS = "invalid_parameters";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String EXPIRED = "expired";
    public static final String DUPLICATE_CONFLICT = "duplicate_conflict";
    public static final String FORBIDDEN = "forbidden";

    private RejectionCodes() {
    }
}
