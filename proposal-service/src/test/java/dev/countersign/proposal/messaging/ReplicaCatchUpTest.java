package dev.countersign.proposal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The start-up catch-up rule of the actions replica. */
class ReplicaCatchUpTest {
    static final TopicPartition P0 = new TopicPartition("countersign.actions", 0);
    static final TopicPartition P1 = new TopicPartition("countersign.actions", 1);

    @Test
    void anEmptyOrMissingTopicIsCaughtUpAtOnce() {
        assertThat(ReplicaCatchUp.CatchUp.reached(Map.of(), Map.of())).isTrue();
        assertThat(ReplicaCatchUp.CatchUp.reached(Map.of(P0, 0L, P1, 0L), Map.of())).isTrue();
    }

    @Test
    void everyPartitionWithRecordsMustBeCommittedToItsEnd() {
        assertThat(ReplicaCatchUp.CatchUp.reached(Map.of(P0, 5L, P1, 2L), Map.of(P0, 5L))).isFalse();
        assertThat(ReplicaCatchUp.CatchUp.reached(Map.of(P0, 5L, P1, 2L), Map.of(P0, 4L, P1, 2L))).isFalse();
        assertThat(ReplicaCatchUp.CatchUp.reached(Map.of(P0, 5L, P1, 2L), Map.of(P0, 5L, P1, 3L))).isTrue();
    }
}
