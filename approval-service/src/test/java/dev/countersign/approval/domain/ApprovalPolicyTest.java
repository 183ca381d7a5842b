package dev.countersign.approval.domain;

import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.ApprovalRule;
import dev.countersign.contracts.events.ApprovalRequested;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalExpired;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy resolution (one test per rule kind) and the arrival rules of {@link ApprovalPolicy}, without Quarkus. */
class ApprovalPolicyTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);
    static final Map<String, Object> SMALL = Map.of("order_number", "ORD-1", "amount", 42);
    static final Map<String, Object> LARGE = Map.of("order_number", "ORD-1", "amount", new BigDecimal("1500.50"));
    static final ApprovalRule FINANCE_ABOVE_1000 = new ApprovalRule("parameters.amount > 1000", "role:finance", 2);

    static ProposalAccepted proposal(String mode, Instant expiresAt) {
        return ValidationsFixture.accepted("p-1", "acme", mode, expiresAt);
    }

    static ProposalAccepted proposal(Map<String, Object> parameters, String mode, ApprovalRule... rules) {
        return ValidationsFixture.accepted("p-1", "acme", LATER, parameters,
                approval(mode, "role:support", 1, true, rules));
    }

    @Test
    void aRuleRoutesToAnotherRole() {
        ResolvedPolicy policy = ApprovalPolicy.resolve(proposal(LARGE, "require_approval",
                new ApprovalRule("parameters.amount > 1000", "role:finance", null)));

        assertThat(policy.required().approver()).isEqualTo("role:finance");
        assertThat(policy.required().role()).isEqualTo("finance");
        assertThat(policy.required().quorum()).isEqualTo(1);
        assertThat(policy.required().forbidSelfApproval()).isTrue();
        assertThat(policy.required().rule()).isEqualTo("parameters.amount > 1000");
        assertThat(policy.ruleProblems()).isEmpty();
    }

    @Test
    void aRuleRaisesTheQuorumKeepingTheApprover() {
        ResolvedPolicy policy = ApprovalPolicy.resolve(proposal(LARGE, "require_approval",
                new ApprovalRule("parameters.amount > 1000", null, 3)));

        assertThat(policy.required().approver()).isEqualTo("role:support");
        assertThat(policy.required().quorum()).isEqualTo(3);
    }

    @Test
    void aRuleMatchingOnAnAutoActionRequiresApproval() {
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal(LARGE, "auto", FINANCE_ABOVE_1000), NOW);

        assertThat(arrival.policy().mode()).isEqualTo("require_approval");
        assertThat(arrival.view().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(arrival.events()).extracting(Emitted::type).containsExactly(EventTypes.APPROVAL_REQUESTED);
        ApprovalRequested requested = (ApprovalRequested) arrival.events().get(0).data();
        assertThat(requested.required().approver()).isEqualTo("role:finance");
        assertThat(requested.required().quorum()).isEqualTo(2);
        assertThat(requested.digest()).isEqualTo(arrival.view().digest()).hasSize(64);
    }

    @Test
    void whenNoRuleMatchesTheDefaultApplies() {
        ResolvedPolicy policy = ApprovalPolicy.resolve(proposal(SMALL, "require_approval", FINANCE_ABOVE_1000,
                new ApprovalRule("user.email.endsWith('@vip.example')", "role:vip", 1)));

        assertThat(policy.mode()).isEqualTo("require_approval");
        assertThat(policy.required().approver()).isEqualTo("role:support");
        assertThat(policy.required().quorum()).isEqualTo(1);
        assertThat(policy.required().rule()).isNull();

        ApprovalPolicy.Arrival auto = ApprovalPolicy.arrive(proposal(SMALL, "auto", FINANCE_ABOVE_1000), NOW);
        assertThat(auto.view().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void anUnevaluableRuleCountsAsMatchingFailClosed() {
        // parameters.limit does not exist: CEL cannot evaluate the rule, so it must not be skipped.
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal(SMALL, "auto",
                new ApprovalRule("parameters.limit > 5", "role:risk", 2), FINANCE_ABOVE_1000), NOW);

        assertThat(arrival.view().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(arrival.view().required().approver()).isEqualTo("role:risk");
        assertThat(arrival.view().required().quorum()).isEqualTo(2);
        assertThat(arrival.policy().ruleProblems()).singleElement().asString().contains("parameters.limit > 5");
    }

    @Test
    void aRuleWithoutAWhenCountsAsMatchingFailClosed() {
        // A null or blank condition cannot be shown not to apply: the rule applies, and the problem is reported.
        for (String when : new String[] {null, " "}) {
            ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal(SMALL, "auto",
                    new ApprovalRule(when, "role:risk", 2), FINANCE_ABOVE_1000), NOW);

            assertThat(arrival.view().status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(arrival.policy().mode()).isEqualTo("require_approval");
            assertThat(arrival.view().required().approver()).isEqualTo("role:risk");
            assertThat(arrival.view().required().quorum()).isEqualTo(2);
            assertThat(arrival.policy().ruleProblems()).singleElement().asString().contains("rule 0");
        }
    }

    @Test
    void aRuleFailingInAnyWayCountsAsMatchingFailClosed() {
        // A value CEL has no type for: whatever the evaluation throws, the rule applies rather than being skipped.
        ResolvedPolicy policy = ApprovalPolicy.resolve(proposal(Map.of("order_number", "ORD-1", "amount",
                new Object()), "require_approval", FINANCE_ABOVE_1000));

        assertThat(policy.required().approver()).isEqualTo("role:finance");
        assertThat(policy.ruleProblems()).singleElement().asString().contains("parameters.amount > 1000");
    }

    @Test
    void thePolicyCanBeResolvedForEditedParameters() {
        ProposalAccepted small = proposal(SMALL, "require_approval", FINANCE_ABOVE_1000);

        assertThat(ApprovalPolicy.resolve(small).required().approver()).isEqualTo("role:support");
        ResolvedPolicy edited = ApprovalPolicy.resolve(small, LARGE);
        assertThat(edited.required().approver()).isEqualTo("role:finance");
        assertThat(edited.required().quorum()).isEqualTo(2);
        assertThat(edited.required().rule()).isEqualTo("parameters.amount > 1000");
    }

    @Test
    void theFirstMatchingRuleWins() {
        ResolvedPolicy policy = ApprovalPolicy.resolve(proposal(LARGE, "require_approval",
                new ApprovalRule("parameters.amount > 10", "role:team-lead", 1), FINANCE_ABOVE_1000));

        assertThat(policy.required().approver()).isEqualTo("role:team-lead");
    }

    @Test
    void rulesSeeTheUserAndTheContext() {
        ResolvedPolicy byUser = ApprovalPolicy.resolve(proposal(SMALL, "require_approval",
                new ApprovalRule("user.email == 'ada@example.com' && context.assistant == 'support-bot' "
                        + "&& context.submitted_by == 'submitter@acme' && context.action_version == 3",
                        "role:vip", 1)));

        assertThat(byUser.required().approver()).isEqualTo("role:vip");
    }

    @Test
    void withoutABlockTheModeComesFromApprovalModeAndTheEndUserApprovesOnce() {
        ProposalAccepted bare = new ProposalAccepted("p-1", "acme", "a", "b", SMALL, null, null, null, null, 1,
                "require_approval", LATER, NOW, "s", null);

        ResolvedPolicy policy = ApprovalPolicy.resolve(bare);

        assertThat(policy.mode()).isEqualTo("require_approval");
        assertThat(policy.required().endUser()).isTrue();
        assertThat(policy.required().approver()).isEqualTo("end_user");
        assertThat(policy.required().quorum()).isEqualTo(1);
        assertThat(policy.required().forbidSelfApproval()).isFalse();
    }

    @Test
    void autoIsApprovedByThePolicyWithAReceipt() {
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal("auto", LATER), NOW);

        assertThat(arrival.view().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(arrival.view().decidedAt()).isEqualTo(NOW);
        ProposalApproved approved = (ProposalApproved) arrival.events().get(0).data();
        assertThat(approved.auto()).isTrue();
        assertThat(approved.decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.actor()).isEqualTo("countersign");
            assertThat(d.channel()).isEqualTo("auto");
            assertThat(d.at()).isEqualTo(NOW);
            assertThat(d.comment()).contains("approval.mode auto");
        });
        assertThat(approved.parameters()).isEqualTo(ValidationsFixture.PARAMETERS);
        assertThat(approved.proposedParameters()).isNull();
        assertThat(approved.approval().mode()).isEqualTo("auto");
        assertThat(approved.approval().digest()).isEqualTo(Digests.of(ValidationsFixture.ACTION,
                ValidationsFixture.ACTION_VERSION, ValidationsFixture.PARAMETERS, null));
        assertThat(approved.approval().decidedBy()).isEqualTo(approved.decidedBy());
        assertThat(approved.user()).isEqualTo(ValidationsFixture.USER);
        assertThat(approved.trigger()).isEqualTo("ai_intent");
    }

    @Test
    void requireApprovalRequestsWithTheDigestAndNoDryRun() {
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal("require_approval", LATER), NOW);

        assertThat(arrival.view().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(arrival.view().dryRunPending()).isFalse();
        ApprovalRequested requested = (ApprovalRequested) arrival.events().get(0).data();
        assertThat(requested.required().endUser()).isTrue();
        assertThat(requested.expiresAt()).isEqualTo(LATER);
        assertThat(requested.dryRun()).isNull();
        assertThat(requested.reason()).isEqualTo("the customer asked for a refund");
        assertThat(requested.parameters()).isEqualTo(ValidationsFixture.PARAMETERS);
    }

    @Test
    void dryRunFirstAsksForADryRunNamedByTheParametersDigest() {
        ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal("dry_run_first", LATER), NOW);

        assertThat(arrival.view().dryRunPending()).isTrue();
        assertThat(arrival.events()).extracting(Emitted::type).containsExactly(EventTypes.DRYRUN_REQUESTED);
        DryRunRequested requested = (DryRunRequested) arrival.events().get(0).data();
        assertThat(requested.parametersDigest()).isEqualTo(Digests.parameters(ValidationsFixture.ACTION,
                ValidationsFixture.ACTION_VERSION, ValidationsFixture.PARAMETERS));
    }

    @Test
    void aPassedDeadlineExpiresTheProposalWhateverItsMode() {
        for (String mode : ApprovalPolicy.MODES) {
            for (Instant deadline : new Instant[] {NOW.minusSeconds(1), NOW}) {
                ApprovalPolicy.Arrival arrival = ApprovalPolicy.arrive(proposal(mode, deadline), NOW);

                assertThat(arrival.view().status()).as(mode).isEqualTo(ApprovalStatus.EXPIRED);
                assertThat(arrival.events()).extracting(Emitted::type).containsExactly(EventTypes.PROPOSAL_EXPIRED);
                assertThat(((ProposalExpired) arrival.events().get(0).data()).expiredAt()).isEqualTo(deadline);
                assertThat(arrival.view().decidedAt()).isEqualTo(deadline);
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
