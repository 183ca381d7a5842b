package dev.countersign.approval.messaging;

import dev.countersign.approval.service.ApprovalService;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code countersign.executions} for dry-run results ({@code dryrun.completed}); every other execution
 * event is someone else's business and only acknowledged. A result is applied once per event id.
 */
@ApplicationScoped
public class ExecutionsConsumer {
    /** The incoming channel mapped to {@code countersign.executions}. */
    public static final String CHANNEL = "executions-in";

    private final EventIntake intake;
    private final ApprovalService service;

    ExecutionsConsumer(EventIntake intake, ApprovalService service) {
        this.intake = intake;
        this.service = service;
    }

    /** Applies one record; the message is acknowledged only once its effect is committed. */
    @Incoming(CHANNEL)
    public Uni<Void> onExecution(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        if (!EventTypes.DRYRUN_COMPLETED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        DryRunCompleted completed = event.dataAs(DryRunCompleted.class);
        if (completed.proposalId() == null || completed.tenant() == null) {
            throw new PoisonMessageException("dryrun.completed " + event.id() + " names no proposal_id or tenant");
        }
        return service.dryRunCompleted(event.id(), completed).replaceWithVoid();
    }
}
