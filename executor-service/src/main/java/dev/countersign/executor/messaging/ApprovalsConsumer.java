package dev.countersign.executor.messaging;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.executor.service.DryRunService;
import dev.countersign.executor.service.ExecutionService;
import dev.countersign.kit.messaging.EventIntake;
import dev.countersign.kit.messaging.IncomingEvent;
import dev.countersign.kit.messaging.PoisonMessageException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code countersign.approvals}: an approved proposal is executed, a dry-run request is answered. The other
 * approval-stage events are not the executor's business and are acknowledged; so is a type it does not know,
 * because the approval service adds types to its topic additively (a new type is not a broken message). A record
 * that cannot be read as a CloudEvent, or an approved/dry-run event whose data is unusable, is dead-lettered.
 */
@ApplicationScoped
public class ApprovalsConsumer {
    /** The incoming channel, mapped to {@code countersign.approvals}. */
    public static final String CHANNEL = "approvals-in";

    private static final Set<String> IGNORED = Set.of(EventTypes.APPROVAL_REQUESTED, EventTypes.PROPOSAL_DENIED,
            EventTypes.PROPOSAL_EXPIRED, EventTypes.DECISION_REFUSED);

    private final EventIntake intake;
    private final ExecutionService executions;
    private final DryRunService dryRuns;

    ApprovalsConsumer(EventIntake intake, ExecutionService executions, DryRunService dryRuns) {
        this.intake = intake;
        this.executions = executions;
        this.dryRuns = dryRuns;
    }

    @Incoming(CHANNEL)
    public Uni<Void> on(Message<String> message) {
        return intake.consume(message, this::apply);
    }

    Uni<Void> apply(IncomingEvent event) {
        if (EventTypes.PROPOSAL_APPROVED.equals(event.type())) {
            return executions.execute(approved(event));
        }
        if (EventTypes.DRYRUN_REQUESTED.equals(event.type())) {
            return dryRuns.dryRun(event.id(), event.time(), dryRunRequested(event));
        }
        if (!IGNORED.contains(event.type())) {
            Log.debugf("ignoring event %s of type %s on %s: not one the executor acts on", event.id(), event.type(),
                    event.topic());
        }
        return Uni.createFrom().voidItem();
    }

    private static ProposalApproved approved(IncomingEvent event) {
        ProposalApproved approved = event.dataAs(ProposalApproved.class);
        String type = "proposal.approved";
        require(approved.proposalId(), "proposal_id", type);
        require(approved.tenant(), "tenant", type);
        require(approved.assistant(), "assistant", type);
        require(approved.action(), "action", type);
        if (approved.actionVersion() < 1) {
            throw new PoisonMessageException(type + " data needs action_version >= 1");
        }
        return approved;
    }

    private static DryRunRequested dryRunRequested(IncomingEvent event) {
        DryRunRequested requested = event.dataAs(DryRunRequested.class);
        String type = "dryrun.requested";
        require(requested.proposalId(), "proposal_id", type);
        require(requested.tenant(), "tenant", type);
        require(requested.assistant(), "assistant", type);
        require(requested.action(), "action", type);
        if (requested.actionVersion() < 1) {
            throw new PoisonMessageException(type + " data needs action_version >= 1");
        }
        return requested;
    }

    private static void require(String value, String field, String type) {
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException(type + " data lacks " + field);
        }
    }
}
