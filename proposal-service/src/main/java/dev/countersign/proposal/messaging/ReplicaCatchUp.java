package dev.countersign.proposal.messaging;

import dev.countersign.proposal.config.ProposalConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.ChannelRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Holds proposal intake (the {@value #PROPOSALS} channel starts paused) until this service's consumer group has
 * committed every {@code countersign.actions} record that existed at start-up, then resumes it. Until then the
 * service reports not ready. The wait is non-blocking: Kafka admin futures and a Mutiny timer between polls, so
 * no thread is parked while the replica catches up.
 */
@ApplicationScoped
@Readiness
public class ReplicaCatchUp implements HealthCheck {
    static final String PROPOSALS = "proposals-in";
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final ChannelRegistry channels;
    private final ProposalConfig config;
    private final String bootstrap;
    private final String group;
    private final String topic;
    private volatile boolean caughtUp;

    ReplicaCatchUp(ChannelRegistry channels, ProposalConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "mp.messaging.incoming.actions-in.group.id") String group,
            @ConfigProperty(name = "mp.messaging.incoming.actions-in.topic") String topic) {
        this.channels = channels;
        this.config = config;
        this.bootstrap = bootstrap;
        this.group = group;
        this.topic = topic;
    }

    void onStart(@Observes StartupEvent ignored) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (RuntimeException e) {
            Log.warnf("could not check the actions replica against %s (%s); accepting proposals", topic, e.toString());
            resume();
            return;
        }
        Instant deadline = Instant.now().plus(config.replicaCatchUpTimeout());
        endOffsets(admin)
                .flatMap(end -> CatchUp.await(() -> committed(admin), end, deadline, POLL))
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("could not check the actions replica against %s (%s); accepting proposals", topic,
                            e.toString());
                    return true;
                })
                // Admin futures complete on the admin client's own thread, and closing the client joins that
                // thread: close it from elsewhere (a brief task, nothing waits there for the replica).
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(reached -> {
                    admin.close(Duration.ofSeconds(5));
                    if (!reached) {
                        Log.warnf("the actions replica has not caught up with %s after %s; accepting proposals "
                                + "anyway", topic, config.replicaCatchUpTimeout());
                    }
                    resume();
                });
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("actions replica caught up").status(caughtUp).build();
    }

    private void resume() {
        caughtUp = true;
        channels.getPausable(PROPOSALS).resume();
        Log.infof("actions replica caught up; proposal intake resumed");
    }

    private Uni<Map<TopicPartition, Long>> endOffsets(Admin admin) {
        return uni(admin.listTopics().names()).flatMap(names -> {
            if (!names.contains(topic)) {
                return Uni.createFrom().item(Map.<TopicPartition, Long>of());
            }
            return uni(admin.describeTopics(List.of(topic)).allTopicNames()).flatMap(descriptions -> {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                descriptions.get(topic).partitions().forEach(p ->
                        request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                return uni(admin.listOffsets(request).all());
            }).map(offsets -> {
                Map<TopicPartition, Long> end = new HashMap<>();
                offsets.forEach((tp, info) -> end.put(tp, info.offset()));
                return end;
            });
        });
    }

    private Uni<Map<TopicPartition, Long>> committed(Admin admin) {
        return uni(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).map(offsets -> {
            Map<TopicPartition, Long> out = new HashMap<>();
            offsets.forEach((tp, meta) -> {
                if (meta != null) {
                    out.put(tp, meta.offset());
                }
            });
            return out;
        });
    }

    private static <T> Uni<T> uni(KafkaFuture<T> future) {
        return Uni.createFrom().completionStage(future.toCompletionStage()).ifNoItem().after(ADMIN_TIMEOUT).fail();
    }

    /** The catch-up rule and its polling loop, separate so they can be tested without a broker. */
    static final class CatchUp {
        private CatchUp() {
        }

        /** True when every partition that had records at start-up has its committed offset at or past the end. */
        static boolean reached(Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }

        /**
         * Polls {@code committed} every {@code poll} (a timer between attempts, no thread waits) until it has
         * reached {@code end}: true then, false once {@code deadline} has passed first.
         */
        static Uni<Boolean> await(Supplier<Uni<Map<TopicPartition, Long>>> committed, Map<TopicPartition, Long> end,
                Instant deadline, Duration poll) {
            return Uni.createFrom().deferred(committed::get).flatMap(offsets -> {
                if (reached(end, offsets)) {
                    return Uni.createFrom().item(true);
                }
                if (Instant.now().isAfter(deadline)) {
                    return Uni.createFrom().item(false);
                }
                return Uni.createFrom().voidItem().onItem().delayIt().by(poll)
                        .flatMap(ignored -> await(committed, end, deadline, poll));
            });
        }
    }
}
