package dev.countersign.executor.messaging;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.executor.service.ExecutionService;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code countersign.approvals}: an approved proposal is executed; the other approval-stage events are
 * not the executor's business yet (dry runs come later) and are acknowledged. Unknown types are dead-lettered.
 */
@ApplicationScoped
public class ApprovalsConsumer {
    /** The incoming channel, mapped to {@code countersign.approvals}. */
    public static final String CHANNEL = "approvals-in";

    private static final Set<String> IGNORED = Set.of(EventTypes.APPROVAL_REQUESTED, EventTypes.PROPOSAL_DENIED,
            EventTypes.PROPOSAL_EXPIRED, EventTypes.DRYRUN_REQUESTED);

    private final EventIntake intake;
    private final ExecutionService executions;

    ApprovalsConsumer(EventIntake intake, ExecutionService executions) {
        this.intake = intake;
        this.executions = executions;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        if (EventTypes.PROPOSAL_APPROVED.equals(event.type())) {
            return executions.execute(approved(event));
        }
        if (IGNORED.contains(event.type())) {
            return Uni.createFrom().voidItem();
        }
        throw new PoisonMessageException("unknown event type " + event.type() + " on " + event.topic());
    }

    private static ProposalApproved approved(IncomingEvent event) {
        ProposalApproved approved = event.dataAs(ProposalApproved.class);
        require(approved.proposalId(), "proposal_id");
        require(approved.tenant(), "tenant");
        require(approved.assistant(), "assistant");
        require(approved.action(), "action");
        if (approved.actionVersion() < 1) {
            throw new PoisonMessageException("proposal.approved data needs action_version >= 1");
        }
        return approved;
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("proposal.approved data lacks " + field);
        }
    }
}
