package dev.countersign.proposal.messaging;

import dev.countersign.proposal.config.ProposalConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
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
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Holds proposal intake (the {@value #PROPOSALS} channel starts paused) until this service's consumer group has
 * committed every {@code countersign.actions} record that existed at start-up, then resumes it. Until then the
 * service reports not ready.
 */
@ApplicationScoped
@Readiness
public class ReplicaCatchUp implements HealthCheck {
    static final String PROPOSALS = "proposals-in";
    private static final Duration POLL = Duration.ofMillis(250);

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
        Infrastructure.getDefaultWorkerPool().execute(this::awaitThenResume);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("actions replica caught up").status(caughtUp).build();
    }

    private void awaitThenResume() {
        Instant deadline = Instant.now().plus(config.replicaCatchUpTimeout());
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, Long> end = endOffsets(admin);
            while (!CatchUp.reached(end, committed(admin))) {
                if (Instant.now().isAfter(deadline)) {
                    Log.warnf("the actions replica has not caught up with %s after %s; accepting proposals anyway",
                            topic, config.replicaCatchUpTimeout());
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            Log.warnf("could not check the actions replica against %s (%s); accepting proposals", topic, e.toString());
        }
        caughtUp = true;
        channels.getPausable(PROPOSALS).resume();
        Log.infof("actions replica caught up; proposal intake resumed");
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        if (!names.contains(topic)) {
            return Map.of();
        }
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    private Map<TopicPartition, Long> committed(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets.forEach((tp, meta) -> {
            if (meta != null) {
                out.put(tp, meta.offset());
            }
        });
        return out;
    }

    /** The catch-up rule, separate so it can be tested without a broker. */
    static final class CatchUp {
        private CatchUp() {
        }

        /** True when every partition that had records at start-up has its committed offset at or past the end. */
        static boolean reached(Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
            return end.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
        }
    }
}
