package dev.countersign.audit.messaging;

import dev.countersign.audit.domain.Canonical;
import dev.countersign.audit.persistence.AuditRepository;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Records every CloudEvent of every topic in the audit log. Events of any type are recorded (the log is what
 * happened, not what was valid); a record that is not a parseable CloudEvent, or whose identifiers are too large
 * to index, is dead-lettered to {@code countersign.audit.dlq}, while its owning service dead-letters it on its
 * own topic too.
 */
@ApplicationScoped
public class AuditIntake {
    /** The one incoming channel, subscribed to every topic (see application.properties). */
    public static final String CHANNEL = "events-in";

    private final EventIntake intake;
    private final AuditRepository repository;

    AuditIntake(EventIntake intake, AuditRepository repository) {
        this.intake = intake;
        this.repository = repository;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, this::record);
    }

    Uni<Void> record(IncomingEvent event) {
        try {
            // Canonicalization is deterministic: data that cannot be canonicalized now never will be, so it is
            // poison rather than a failure to retry forever.
            Canonical.json(event.data());
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException("data cannot be canonicalized (RFC 8785): " + e.getMessage(), e);
        }
        return repository.append(event)
                // SQLSTATE 54000 (program_limit_exceeded): e.g. an id or subject of a few KB, more than a b-tree
                // entry holds. The same row will never fit, and the kit retries only what may heal, so without
                // this the whole channel would stall on it forever.
                .onFailure(AuditIntake::tooLargeToIndex).transform(f -> new PoisonMessageException(
                        "the event is too large to index (an id, source, subject or tenant of several KB): "
                                + f.getMessage(), f))
                .invoke(entry -> {
                    if (entry == null) {
                        Log.debugf("%s %s from %s was already recorded", event.type(), event.id(), event.source());
                    }
                }).replaceWithVoid();
    }

    private static boolean tooLargeToIndex(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg && "54000".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
