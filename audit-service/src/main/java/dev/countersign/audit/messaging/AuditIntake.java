package dev.countersign.audit.messaging;

import dev.countersign.audit.service.AuditLog;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
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
    private final AuditLog log;

    AuditIntake(EventIntake intake, AuditLog log) {
        this.intake = intake;
        this.log = log;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, this::record);
    }

    // Keys too large to index (SQLSTATE 54000) or data the database refuses can never be recorded: the kit's
    // intake dead-letters such permanent failures instead of retrying them. Any JSON number can be recorded
    // (canonical JSON is lossless), so a huge number is not one of them.
    Uni<Void> record(IncomingEvent event) {
        return log.record(event)
                .invoke(entry -> {
                    if (entry == null) {
                        Log.debugf("%s %s from %s was already recorded", event.type(), event.id(), event.source());
                    }
                }).replaceWithVoid();
    }
}
