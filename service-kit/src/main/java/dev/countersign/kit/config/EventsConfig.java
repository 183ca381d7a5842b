package dev.countersign.kit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this service publishes its events. */
@ConfigMapping(prefix = "countersign.events")
public interface EventsConfig {

    /** CloudEvent {@code source} of every event this service writes, e.g. {@code /countersign/proposal-service}. */
    String source();

    /** Outbox relay settings. */
    Outbox outbox();

    /** Intake settings. */
    Intake intake();

    /** Topics this service creates at start-up when missing. */
    Topics topics();

    /** The topic this service owns and the dead-letter topics of those it reads. */
    interface Topics {
        /** Create missing topics at start-up; off where an operator (e.g. Strimzi) manages topics. */
        @WithDefault("true")
        boolean create();

        /** The one topic this service writes. */
        String owned();

        /** Whether {@link #owned()} is log-compacted (the actions topic is). */
        @WithDefault("false")
        boolean compact();

        /** Partitions of a created topic. */
        @WithDefault("3")
        int partitions();

        /** Replication factor of a created topic. */
        @WithDefault("1")
        short replicas();

        /** Dead-letter topics of the topics this service reads. */
        java.util.Optional<java.util.List<String>> deadLetters();
    }

    /** The outbox relay publishes pending events on this period, and immediately after each commit. */
    interface Outbox {
        /** Poll period of the relay; a commit also wakes it, so this bounds latency only after a failure. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Most events published in one round. */
        @WithDefault("200")
        int batchSize();
    }

    /** Retry of transient failures (database unreachable) while applying an incoming event. */
    interface Intake {
        /** First backoff after a transient failure. */
        @WithDefault("PT0.2S")
        Duration initialBackoff();

        /** Backoff ceiling; an event is retried until it applies or is found to be poison. */
        @WithDefault("PT10S")
        Duration maxBackoff();
    }
}
