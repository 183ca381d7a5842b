package dev.countersign.approval.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.events.ApprovalRequested;
import dev.countersign.contracts.events.Decider;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalExpired;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The arrival rules of {@link ApprovalPolicy}, without Quarkus. */
class ApprovalPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);

    static ProposalAccepted proposal(String mode, Instant expiresAt) {
        return ValidationsFixture.accepted("p-1", "acme", mode, expiresAt);
    }

    @Test
    void autoIsApprovedByCountersignWithTheProposedParameters() {
        Arrival arrival = ApprovalPolicy.arrive(proposal("auto", LATER), NOW);

        assertThat(arrival.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(arrival.eventType()).isEqualTo(EventTypes.PROPOSAL_APPROVED);
        assertThat(arrival.decidedAt()).isEqualTo(NOW);
        ProposalApproved approved = (ProposalApproved) arrival.eventData();
        assertThat(approved.auto()).isTrue();
        assertThat(approved.decidedBy()).containsExactly(new Decider("countersign", "auto", NOW));
        assertThat(approved.parameters()).isEqualTo(ValidationsFixture.PARAMETERS);
        assertThat(approved.actionVersion()).isEqualTo(ValidationsFixture.ACTION_VERSION);
        assertThat(approved.tenant()).isEqualTo("acme");
        assertThat(approved.user()).isEqualTo(ValidationsFixture.USER);
        assertThat(approved.conversationId()).isEqualTo("conv-p-1");
        assertThat(approved.trigger()).isEqualTo("ai_intent");
    }

    @Test
    void requireApprovalAwaitsOneEndUserConfirmation() {
        Arrival arrival = ApprovalPolicy.arrive(proposal("require_approval", LATER), NOW);

        assertThat(arrival.state()).isEqualTo(ApprovalState.AWAITING);
        assertThat(arrival.decidedAt()).isNull();
        assertThat(arrival.decidedBy()).isEmpty();
        assertThat(arrival.eventType()).isEqualTo(EventTypes.APPROVAL_REQUESTED);
        ApprovalRequested requested = (ApprovalRequested) arrival.eventData();
        assertThat(requested.required().endUser()).isTrue();
        assertThat(requested.required().role()).isNull();
        assertThat(requested.required().quorum()).isEqualTo(1);
        assertThat(requested.expiresAt()).isEqualTo(LATER);
        assertThat(requested.dryRun()).isFalse();
    }

    @Test
    void dryRunFirstAwaitsApprovalAndSaysSo() {
        Arrival arrival = ApprovalPolicy.arrive(proposal("dry_run_first", LATER), NOW);

        assertThat(arrival.state()).isEqualTo(ApprovalState.AWAITING);
        assertThat(((ApprovalRequested) arrival.eventData()).dryRun()).isTrue();
    }

    @Test
    void aPassedDeadlineExpiresTheProposalWhateverItsMode() {
        for (String mode : ApprovalPolicy.MODES) {
            for (Instant deadline : new Instant[] {NOW.minusSeconds(1), NOW}) {
                Arrival arrival = ApprovalPolicy.arrive(proposal(mode, deadline), NOW);

                assertThat(arrival.state()).as(mode).isEqualTo(ApprovalState.EXPIRED);
                assertThat(arrival.eventType()).isEqualTo(EventTypes.PROPOSAL_EXPIRED);
                assertThat(((ProposalExpired) arrival.eventData()).expiredAt()).isEqualTo(deadline);
                assertThat(arrival.decidedAt()).isEqualTo(deadline);
            }
        }
    }

    @Test
    void aCompleteProposalHasNoProblems() {
        assertThat(ApprovalPolicy.problems(proposal("auto", LATER))).isEmpty();
    }

    @Test
    void everyMissingFieldAndAnUnknownModeIsNamed() {
        var empty = new ProposalAccepted(null, " ", null, null, null, null, null, null, null, 0, "sometimes", null,
                null, null, null);

        assertThat(ApprovalPolicy.problems(empty)).containsExactlyInAnyOrder("proposal_id is missing",
                "tenant is missing", "assistant is missing", "action is missing", "action_version must be at least 1",
                "parameters is missing", "expires_at is missing", "approval_mode 'sometimes' is unknown");
    }
}
