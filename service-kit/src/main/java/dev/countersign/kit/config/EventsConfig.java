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
