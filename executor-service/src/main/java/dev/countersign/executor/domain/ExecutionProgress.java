package dev.countersign.executor.domain;

/**
 * The state machine of an execution record: {@code delivering} with a count of recorded attempts, then
 * {@code succeeded} or {@code failed} for good. A change is accepted only from the state and count its author
 * last saw, so two copies of the handler racing (a rebalance, a redelivery) can never both record an attempt
 * or an outcome.
 */
public record ExecutionProgress(ExecutionState state, int attempts) {

    /** Whether attempt {@code attempt} (1-based) may be recorded: still delivering, and it is the next one. */
    public boolean mayRecordAttempt(int attempt) {
        return state == ExecutionState.DELIVERING && attempts == attempt - 1;
    }

    /** Whether a final outcome may be recorded by a delivery that last saw {@code expectedAttempts} attempts. */
    public boolean mayFinish(int expectedAttempts) {
        return state == ExecutionState.DELIVERING && attempts == expectedAttempts;
    }
}
