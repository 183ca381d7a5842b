package dev.countersign.proposal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    @Test
    void theWaitPollsWithATimerUntilTheEndIsCommitted() {
        AtomicInteger polls = new AtomicInteger();
        Uni<Boolean> wait = ReplicaCatchUp.CatchUp.await(
                () -> Uni.createFrom().item(polls.incrementAndGet() < 4 ? Map.of(P0, 1L) : Map.of(P0, 5L)),
                Map.of(P0, 5L), Instant.now().plusSeconds(30), Duration.ofMillis(200));
        // Subscribing returns at once: the waits between polls are timers, not a parked thread.
        var subscriber = wait.subscribe().withSubscriber(UniAssertSubscriber.create());
        assertThat(polls.get()).isEqualTo(1);
        subscriber.awaitItem(Duration.ofSeconds(10)).assertItem(true);
        assertThat(polls.get()).isEqualTo(4);
    }

    @Test
    void theWaitGivesUpAtTheDeadline() {
        AtomicInteger polls = new AtomicInteger();
        boolean reached = ReplicaCatchUp.CatchUp.await(() -> {
                    polls.incrementAndGet();
                    return Uni.createFrom().item(Map.<TopicPartition, Long>of());
                }, Map.of(P0, 5L), Instant.now().plusMillis(200), Duration.ofMillis(20))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(reached).isFalse();
        assertThat(polls.get()).isGreaterThan(1);
    }
}
