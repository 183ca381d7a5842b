package dev.countersign.executor.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Changes are accepted only from the state and attempt count their author last saw. */
class ExecutionProgressTest {

    @Test
    void onlyTheNextAttemptOfADeliveringRecordIsRecorded() {
        ExecutionProgress delivering = new ExecutionProgress(ExecutionState.DELIVERING, 1);
        assertThat(delivering.mayRecordAttempt(2)).isTrue();
        assertThat(delivering.mayRecordAttempt(1)).as("recorded by another copy").isFalse();
        assertThat(delivering.mayRecordAttempt(3)).isFalse();
        assertThat(new ExecutionProgress(ExecutionState.SUCCEEDED, 1).mayRecordAttempt(2)).isFalse();
    }

    @Test
    void aFinalOutcomeIsRecordedOnceFromTheExpectedCount() {
        assertThat(new ExecutionProgress(ExecutionState.DELIVERING, 2).mayFinish(2)).isTrue();
        assertThat(new ExecutionProgress(ExecutionState.DELIVERING, 2).mayFinish(1)).isFalse();
        assertThat(new ExecutionProgress(ExecutionState.FAILED, 2).mayFinish(2)).isFalse();
        assertThat(new ExecutionProgress(ExecutionState.SUCCEEDED, 0).mayFinish(0)).isFalse();
    }
}
