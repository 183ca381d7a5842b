package dev.countersign.kit.messaging;

import dev.countersign.kit.config.EventsConfig;
import dev.countersign.kit.vertx.EventLoop;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The one way services consume a topic: parse the record as a CloudEvent, apply it, and acknowledge only
 * after the effect is durable. Poison messages are nacked (the channel's dead-letter-queue strategy sends
 * them to {@code <topic>.dlq} with the reason); transient failures are retried with backoff until they
 * apply, so nothing is lost and the partition keeps its order.
 */
@ApplicationScoped
public class EventIntake {
    private static final String UNIQUE_VIOLATION = "23505";

    private final EventsConfig config;
    private final MeterRegistry meters;

    EventIntake(EventsConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    /** Applies {@code handler} to the event in {@code message} and settles the message accordingly. */
    public Uni<Void> consume(Message<String> message, Function<IncomingEvent, Uni<Void>> handler) {
        IncomingEvent event;
        try {
            event = parse(message);
        } catch (PoisonMessageException e) {
            return deadLetter(message, e);
        }
        // Retries resubscribe after a backoff on a timer thread; run every attempt on the record's event loop,
        // where Hibernate Reactive sessions (and Panache) must be used.
        Executor eventLoop = EventLoop.ofCurrentContext();
        return Uni.createFrom().deferred(() -> handler.apply(event))
                .runSubscriptionOn(eventLoop)
                .onFailure(EventIntake::permanent).transform(f -> new PoisonMessageException(
                        "the event can never be applied: " + f.getClass().getSimpleName() + ": " + f.getMessage(), f))
                .onFailure(f -> !(f instanceof PoisonMessageException))
                .invoke(f -> Log.warnf("applying %s %s failed, will retry: %s", event.type(), event.id(), f.toString()))
                .onFailure(f -> !(f instanceof PoisonMessageException))
                .retry().withBackOff(config.intake().initialBackoff(), config.intake().maxBackoff()).indefinitely()
                .onItemOrFailure().transformToUni((ok, failure) -> failure instanceof PoisonMessageException poison
                        ? deadLetter(message, poison)
                        : Uni.createFrom().completionStage(message.ack()));
    }

    /**
     * Failures that retrying cannot cure: the database refusing the data itself (SQLSTATE class 22, data
     * exception, e.g. a NUL character; class 23, integrity violation; class 54, a value over a program limit such
     * as an index row too large) or data that cannot be mapped, except a unique violation. Retrying
     * those forever would block the partition, so they are dead-lettered like any poison message.
     */
    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
            if (state != null) {
                // 23505 (unique violation) is a lost race with a concurrent copy: the retry takes the
                // idempotent path, so it stays transient.
                return !state.equals(UNIQUE_VIOLATION)
                        && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"));
            }
            if (t instanceof com.fasterxml.jackson.core.JsonProcessingException
                    || t instanceof IllegalArgumentException) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static IncomingEvent parse(Message<String> message) {
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("not a Kafka message"));
        Object key = kafka.getKey();
        return CloudEventReader.read(kafka.getTopic(), key == null ? null : key.toString(), kafka.getHeaders(),
                message.getPayload());
    }

    private Uni<Void> deadLetter(Message<String> message, PoisonMessageException reason) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getTopic()).orElse("unknown");
        meters.counter("countersign.messages.dead_lettered", "topic", topic).increment();
        Log.warnf("dead-lettering a message from %s: %s", topic, reason.getMessage());
        return Uni.createFrom().completionStage(message.nack(reason));
    }
}
