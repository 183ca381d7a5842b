package dev.countersign.kit.messaging;

import dev.countersign.kit.config.EventsConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes committed outbox rows to this service's one topic (channel {@value #CHANNEL}) as binary-mode
 * CloudEvents, in commit order, and deletes them once Kafka acknowledged them. Runs after every commit
 * ({@link #wake()}) and on a timer, so events written before a crash are published on restart.
 */
@ApplicationScoped
public class OutboxRelay {
    /** The outgoing channel every service maps to the topic it owns. */
    public static final String CHANNEL = "events-out";
    /** Advisory lock key of the relay ("outbox" as a number). */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final EventsConfig config;
    private final Vertx vertx;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile long timerId = -1;

    OutboxRelay(Pool pool, @Channel(CHANNEL) MutinyEmitter<String> emitter, EventsConfig config, Vertx vertx) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent ignored) {
        timerId = vertx.setPeriodic(config.outbox().pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent ignored) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /** Asks the relay to publish what is pending now; cheap and safe to call from any thread. */
    public void wake() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        drain().subscribe().with(count -> finished(), failure -> {
            Log.warnf("outbox relay round failed, retrying on next tick: %s", failure.toString());
            running.set(false);
        });
    }

    private void finished() {
        running.set(false);
        if (again.get()) {
            wake();
        }
    }

    /** Publishes batches until the outbox is empty; returns how many events were published. */
    Uni<Integer> drain() {
        return drainBatch().flatMap(n -> n < config.outbox().batchSize()
                ? Uni.createFrom().item(n)
                : drain().map(m -> m + n));
    }

    // One relay at a time per database (a transaction-scoped advisory lock): replicas relaying different
    // batches concurrently could publish a key's events out of order.
    private Uni<Integer> drainBatch() {
        return pool.withTransaction(tx -> tx.query("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ") AS locked")
                .execute()
                .flatMap(lock -> !lock.iterator().next().getBoolean("locked") ? Uni.createFrom().item(0) : tx
                .preparedQuery("SELECT seq, event_id, type, subject, kafka_key, data, created_at FROM outbox "
                        + "ORDER BY seq LIMIT $1")
                .execute(Tuple.of(config.outbox().batchSize()))
                .flatMap(rows -> {
                    List<Row> batch = new ArrayList<>();
                    rows.forEach(batch::add);
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return publish(batch).flatMap(parked -> park(tx, parked)).flatMap(v -> delete(tx, batch))
                            .map(v -> batch.size());
                })));
    }

    /** A row Kafka refused for good, and why. */
    record Parked(long seq, String reason) {
    }

    // Transient failures fail the round (the rows are sent again next time); permanent ones are parked.
    private Uni<List<Parked>> publish(List<Row> batch) {
        List<Uni<Parked>> sends = new ArrayList<>(batch.size());
        for (Row row : batch) {
            long seq = row.getLong("seq");
            sends.add(emitter.sendMessage(toMessage(row)).replaceWith((Parked) null)
                    .onFailure(OutboxRelay::unpublishable).recoverWithItem(f -> new Parked(seq, f.toString())));
        }
        return Uni.join().all(sends).andFailFast()
                .map(results -> results.stream().filter(java.util.Objects::nonNull).toList());
    }

    /** Failures no retry can cure: the record itself is unacceptable to Kafka. */
    static boolean unpublishable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.errors.SerializationException
                    || t instanceof org.apache.kafka.common.errors.InvalidTopicException) {
                return true;
            }
        }
        return false;
    }

    private static Uni<Void> park(SqlConnection tx, List<Parked> parked) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Parked p : parked) {
            Log.errorf("outbox event seq %d can never be published (%s); parked in outbox_parked", p.seq(), p.reason());
            chain = chain.flatMap(v -> tx.preparedQuery("INSERT INTO outbox_parked (seq, event_id, type, subject, "
                    + "kafka_key, data, created_at, reason) SELECT seq, event_id, type, subject, kafka_key, data, "
                    + "created_at, $2 FROM outbox WHERE seq = $1 ON CONFLICT (seq) DO NOTHING")
                    .execute(Tuple.of(p.seq(), p.reason())).replaceWithVoid());
        }
        return chain;
    }

    private Message<String> toMessage(Row row) {
        OffsetDateTime created = row.getOffsetDateTime("created_at");
        var ce = OutgoingCloudEventMetadata.builder()
                .withId(row.getString("event_id"))
                .withType(row.getString("type"))
                .withSource(URI.create(config.source()))
                .withSubject(row.getString("subject"))
                .withDataContentType("application/json")
                .withTimestamp(created.atZoneSameInstant(ZoneOffset.UTC))
                .build();
        var kafka = OutgoingKafkaRecordMetadata.<String>builder().withKey(row.getString("kafka_key")).build();
        return Message.of(row.getString("data")).addMetadata(ce).addMetadata(kafka);
    }

    private static Uni<Void> delete(SqlConnection tx, List<Row> batch) {
        Long[] seqs = batch.stream().map(r -> r.getLong("seq")).toArray(Long[]::new);
        return tx.preparedQuery("DELETE FROM outbox WHERE seq = ANY($1)").execute(Tuple.of(seqs)).replaceWithVoid();
    }
}
