package dev.countersign.executor.domain;

import java.util.Locale;

/** States of an execution record: delivering until a final outcome, then succeeded or failed forever. */
public enum ExecutionState {
    DELIVERING, SUCCEEDED, FAILED;

    /** The value stored in the database and shown by the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionState of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean isFinal() {
        return this != DELIVERING;
    }
}
