package dev.countersign.approval.domain;

import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.events.ApprovalRequested;
import dev.countersign.contracts.events.DryRunCompleted;
import dev.countersign.contracts.events.DryRunOutcome;
import dev.countersign.contracts.events.DryRunRequested;
import dev.countersign.contracts.actions.ApprovalRule;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalApproved;
import dev.countersign.contracts.events.ProposalDenied;
import dev.countersign.kit.domain.DomainException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Eligibility, quorum, denial, digests and edits of {@link DecisionRules}, and dry runs, without Quarkus. */
class DecisionRulesTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);
    static final Viewer ADA = new Viewer("acme", "u-7", Set.of());  // the fixture's end user
    static final Viewer SUBMITTER = new Viewer("acme", ValidationsFixture.SUBMITTED_BY, Set.of("finance"));
    static final Viewer FIN_1 = new Viewer("acme", "fin-1", Set.of("finance"));
    static final Viewer FIN_2 = new Viewer("acme", "fin-2", Set.of("finance"));
    static final Viewer ADMIN = new Viewer("acme", "admin", Set.of("countersign-admin", "approver"));

    static ProposalAccepted accepted(Approval block) {
        return ValidationsFixture.accepted("p-1", "acme", LATER, ValidationsFixture.PARAMETERS, block);
    }

    static ApprovalView pending(Approval block) {
        return ApprovalPolicy.arrive(accepted(block), NOW).view();
    }

    static Transition approve(ApprovalView view, Viewer who) {
        return DecisionRules.decide(view, DecisionCommand.approve(who, "p-1", Channels.REST, "ok", null), null,
                NOW.plusSeconds(1));
    }

    /** {@code who} approves with {@code parameters} (an edit) under the policy {@code block}. */
    static Transition edit(ApprovalView view, Approval block, Viewer who, Map<String, Object> parameters) {
        return DecisionRules.decide(view, new DecisionCommand("acme", "p-1", who, Decision.APPROVE, Channels.REST,
                "edited", parameters, null), accepted(block), NOW.plusSeconds(1));
    }

    /** {@code who} approves through a link {@code issuer} issued for them. */
    static Transition approveVouched(ApprovalView view, Viewer who, String issuer) {
        return DecisionRules.decide(view, new DecisionCommand("acme", "p-1", who, Decision.APPROVE, Channels.LINK,
                null, null, null, issuer), null, NOW.plusSeconds(1));
    }

    static Map<String, Object> withAmount(Object amount) {
        Map<String, Object> parameters = new HashMap<>(ValidationsFixture.PARAMETERS);
        parameters.put("amount", amount);
        return parameters;
    }

    static DomainException refused(Runnable decision) {
        return catchThrowableOfType(decision::run, DomainException.class);
    }

    @Test
    void theEndUserApprovesAndNobodyElse() {
        ApprovalView view = pending(approval("require_approval", "end_user", 1, false));

        assertThat(refused(() -> approve(view, FIN_1)).code()).isEqualTo("not_eligible");
        assertThat(refused(() -> approve(view, ADMIN)).code()).isEqualTo("not_eligible");
        Transition t = approve(view, ADA);
        assertThat(t.after().status()).isEqualTo(ApprovalStatus.APPROVED);
        ProposalApproved approved = (ProposalApproved) t.events().get(0).data();
        assertThat(approved.auto()).isFalse();
        assertThat(approved.decidedBy()).singleElement().satisfies(d -> {
            assertThat(d.actor()).isEqualTo("u-7");
            assertThat(d.role()).isNull();
            assertThat(d.channel()).isEqualTo("rest");
            assertThat(d.comment()).isEqualTo("ok");
        });
        assertThat(approved.approval().digest()).isEqualTo(view.digest());
        assertThat(approved.approval().approver()).isEqualTo("end_user");
    }

    @Test
    void withoutAUserIdNoEndUserCanApprove() {
        ApprovalView view = ApprovalPolicy.arrive(new dev.countersign.contracts.events.ProposalAccepted("p-1", "acme",
                "a", "b", Map.of(), null, null, null, null, 1, "require_approval", LATER, NOW, "s", null), NOW).view();

        assertThat(refused(() -> approve(view, new Viewer("acme", "anyone", Set.of()))).code())
                .isEqualTo("not_eligible");
    }

    @Test
    void forbidSelfApprovalBarsTheUserAndTheSubmitter() {
        ApprovalView byRole = pending(approval("require_approval", "role:finance", 1, true));
        assertThat(refused(() -> approve(byRole, SUBMITTER)).code()).isEqualTo("not_eligible");
        assertThat(refused(() -> approve(byRole, SUBMITTER)).getMessage()).contains("forbid_self_approval");
        assertThat(byRole.mayDecide(SUBMITTER, NOW)).isFalse();
        assertThat(byRole.visibleTo(SUBMITTER)).isTrue();

        ApprovalView byUser = pending(approval("require_approval", "end_user", 1, true));
        assertThat(refused(() -> approve(byUser, ADA)).code()).isEqualTo("not_eligible");

        ApprovalView allowed = pending(approval("require_approval", "role:finance", 1, false));
        assertThat(approve(allowed, SUBMITTER).after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aQuorumOfTwoNeedsTwoDifferentPeopleAndTheSamePersonTwiceCountsOnce() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 2, false));

        Transition first = approve(view, FIN_1);
        assertThat(first.after().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(first.events()).isEmpty();
        assertThat(first.recorded().role()).isEqualTo("finance");
        assertThat(first.after().mayDecide(FIN_1, NOW)).isFalse();
        assertThat(first.after().mayDecide(FIN_2, NOW)).isTrue();

        Transition again = approve(first.after(), FIN_1);
        assertThat(again.changes()).isFalse();
        assertThat(again.after().countingApprovals()).hasSize(1);

        Transition second = approve(first.after(), FIN_2);
        assertThat(second.after().status()).isEqualTo(ApprovalStatus.APPROVED);
        ProposalApproved approved = (ProposalApproved) second.events().get(0).data();
        assertThat(approved.decidedBy()).extracting(d -> d.actor()).containsExactly("fin-1", "fin-2");
        assertThat(approved.approval().quorum()).isEqualTo(2);
    }

    @Test
    void anyEligibleDenialDenies() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 2, false));
        ApprovalView oneApproved = approve(view, FIN_1).after();

        Transition t = DecisionRules.decide(oneApproved, DecisionCommand.deny(FIN_2, "p-1", Channels.CHAT,
                "too much", null), null, NOW);

        assertThat(t.after().status()).isEqualTo(ApprovalStatus.DENIED);
        ProposalDenied denied = (ProposalDenied) t.events().get(0).data();
        assertThat(denied.reason()).isEqualTo("too much");
        assertThat(denied.decidedBy()).singleElement().satisfies(d -> assertThat(d.actor()).isEqualTo("fin-2"));
        assertThat(refused(() -> approve(t.after(), FIN_1)).code()).isEqualTo("already_decided");
    }

    @Test
    void anIneligibleDenialIsRefused() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 1, false));

        assertThat(refused(() -> DecisionRules.decide(view, DecisionCommand.deny(ADA, "p-1", Channels.REST, "no",
                null), null, NOW)).code()).isEqualTo("not_eligible");
    }

    @Test
    void aStaleDigestIsRefusedAndTheCurrentOneAccepted() {
        ApprovalView view = pending(approval("require_approval", "end_user", 1, false));

        assertThat(refused(() -> DecisionRules.decide(view, DecisionCommand.approve(ADA, "p-1", Channels.REST, null,
                "0".repeat(64)), null, NOW)).code()).isEqualTo("stale_digest");
        assertThat(DecisionRules.decide(view, DecisionCommand.approve(ADA, "p-1", Channels.REST, null,
                view.digest()), null, NOW).after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void anEditMakesANewDigestAndEarlierApprovalsNoLongerCount() {
        Approval block = approval("require_approval", "role:finance", 2, false);
        ApprovalView view = pending(block);
        ApprovalView oneApproved = approve(view, FIN_1).after();
        Map<String, Object> edited = new HashMap<>(ValidationsFixture.PARAMETERS);
        edited.put("amount", 40);

        Transition t = DecisionRules.decide(oneApproved, new DecisionCommand("acme", "p-1", FIN_2, Decision.APPROVE,
                Channels.REST, "lowered", edited, oneApproved.digest()), accepted(block), NOW);

        assertThat(t.after().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(t.after().digest()).isNotEqualTo(view.digest())
                .isEqualTo(Digests.of(view.action(), view.actionVersion(), edited, null));
        assertThat(t.after().countingApprovals()).extracting(DecisionRecord::actor).containsExactly("fin-2");
        assertThat(t.after().edited()).isTrue();
        assertThat(t.after().revision()).isEqualTo(1);
        assertThat(t.recorded().revision()).isEqualTo(1);
        assertThat(t.events()).extracting(Emitted::type).containsExactly(EventTypes.APPROVAL_REQUESTED);
        assertThat(((ApprovalRequested) t.events().get(0).data()).digest()).isEqualTo(t.after().digest());
        // fin-1's approval was of the old digest: fin-1 may (and must) approve again.
        assertThat(refused(() -> DecisionRules.decide(t.after(), DecisionCommand.approve(FIN_1, "p-1",
                Channels.REST, null, view.digest()), null, NOW)).code()).isEqualTo("stale_digest");
        Transition approved = approve(t.after(), FIN_1);
        assertThat(approved.after().status()).isEqualTo(ApprovalStatus.APPROVED);
        ProposalApproved event = (ProposalApproved) approved.events().get(0).data();
        assertThat(event.parameters()).isEqualTo(edited);
        assertThat(event.proposedParameters()).isEqualTo(ValidationsFixture.PARAMETERS);
        assertThat(event.approval().proposedParameters()).isEqualTo(ValidationsFixture.PARAMETERS);
        assertThat(event.approval().digest()).isEqualTo(t.after().digest());
    }

    @Test
    void anInvalidEditIsRefusedWithEveryError() {
        Approval block = approval("require_approval", "end_user", 1, false);
        ApprovalView view = pending(block);
        Map<String, Object> edited = Map.of("order_number", "nope", "amount", "lots", "extra", 1);

        DomainException e = refused(() -> DecisionRules.decide(view, new DecisionCommand("acme", "p-1", ADA,
                Decision.APPROVE, Channels.REST, null, edited, null), accepted(block), NOW));

        assertThat(e.code()).isEqualTo("invalid_parameters");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(e.errors()).extracting(f -> f.path() + ":" + f.code()).containsExactly(
                "parameters.amount:wrong_type", "parameters.extra:unknown_parameter",
                "parameters.order_number:invalid_format");
    }

    @Test
    void anEditInDryRunFirstAsksForANewDryRunAndNobodyApprovesUntilItCompletes() {
        Approval block = approval("dry_run_first", "role:finance", 1, false);
        ApprovalView waiting = pending(block);
        assertThat(refused(() -> approve(waiting, FIN_1)).code()).isEqualTo("dry_run_pending");
        ApprovalView shown = DryRuns.complete(waiting, new DryRunCompleted("p-1", "acme",
                new DryRunOutcome(null, "would refund 42"), true,
                Digests.parameters(waiting.action(), waiting.actionVersion(), waiting.parameters()))).after();
        Map<String, Object> edited = new HashMap<>(ValidationsFixture.PARAMETERS);
        edited.put("amount", 7);

        Transition t = DecisionRules.decide(shown, new DecisionCommand("acme", "p-1", FIN_1, Decision.APPROVE,
                Channels.INBOX, null, edited, null), accepted(block), NOW);

        assertThat(t.after().dryRunPending()).isTrue();
        assertThat(t.after().dryRun()).isNull();
        assertThat(t.after().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(t.events()).extracting(Emitted::type).containsExactly(EventTypes.DRYRUN_REQUESTED);
        String parametersDigest = ((DryRunRequested) t.events().get(0).data()).parametersDigest();
        assertThat(parametersDigest).isEqualTo(Digests.parameters(shown.action(), shown.actionVersion(), edited));
        assertThat(refused(() -> approve(t.after(), FIN_2)).code()).isEqualTo("dry_run_pending");
        assertThat(t.after().mayDecide(FIN_2, NOW)).isFalse();

        // The old dry run's answer is stale; the new one's is shown and only then can anyone approve.
        assertThat(DryRuns.complete(t.after(), new DryRunCompleted("p-1", "acme", new DryRunOutcome(null, "old"),
                true, Digests.parameters(shown.action(), shown.actionVersion(), shown.parameters())))).isNull();
        Transition done = DryRuns.complete(t.after(), new DryRunCompleted("p-1", "acme",
                new DryRunOutcome(null, "would refund 7"), true, parametersDigest));
        assertThat(done.after().dryRun().outcome().message()).isEqualTo("would refund 7");
        assertThat(approve(done.after(), FIN_1).after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aFailedDryRunIsShownAndBoundIntoTheDigest() {
        ApprovalView waiting = pending(approval("dry_run_first", "end_user", 1, false));

        Transition t = DryRuns.complete(waiting, new DryRunCompleted("p-1", "acme",
                new DryRunOutcome(null, "endpoint said 500"), false, null));

        assertThat(t.after().dryRun().ok()).isFalse();
        assertThat(t.after().dryRunPending()).isFalse();
        ApprovalRequested requested = (ApprovalRequested) t.events().get(0).data();
        assertThat(requested.dryRun().ok()).isFalse();
        assertThat(requested.dryRun().outcome().message()).isEqualTo("endpoint said 500");
        assertThat(requested.digest()).isEqualTo(Digests.of(waiting.action(), waiting.actionVersion(),
                waiting.parameters(), t.after().dryRun())).isNotEqualTo(waiting.digest());
        ProposalApproved approved = (ProposalApproved) approve(t.after(), ADA).events().get(0).data();
        assertThat(approved.approval().dryRun()).isEqualTo(t.after().dryRun());
        assertThat(approved.approval().mode()).isEqualTo("dry_run_first");
    }

    @Test
    void aDecisionAfterTheDeadlineExpiresTheApprovalAndIsRefused() {
        ApprovalView view = pending(approval("require_approval", "end_user", 1, false));

        Transition t = DecisionRules.decide(view, DecisionCommand.approve(ADA, "p-1", Channels.REST, null, null),
                null, LATER);

        assertThat(t.after().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(t.events()).extracting(Emitted::type).containsExactly(EventTypes.PROPOSAL_EXPIRED);
        assertThat(t.thenRefuse().code()).isEqualTo("expired");
        assertThat(refused(() -> approve(t.after(), ADA)).code()).isEqualTo("expired");
    }

    @Test
    void anotherTenantsApprovalIsNotFound() {
        ApprovalView view = pending(approval("require_approval", "end_user", 1, false));
        Viewer stranger = new Viewer("other", "u-7", Set.of());

        DomainException e = refused(() -> DecisionRules.decide(view, DecisionCommand.approve(stranger, "p-1",
                Channels.REST, null, null), null, NOW));
        assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND);
        assertThat(view.visibleTo(stranger)).isFalse();
    }

    @Test
    void digestsAreCanonicalAndSeparateParametersFromDryRuns() {
        Map<String, Object> a = new java.util.LinkedHashMap<>();
        a.put("x", 1);
        a.put("y", new java.math.BigDecimal("1.0"));
        Map<String, Object> b = new java.util.LinkedHashMap<>();
        b.put("y", 1);
        b.put("x", new java.math.BigDecimal("1"));

        assertThat(Digests.of("act", 1, a, null)).isEqualTo(Digests.of("act", 1, b, null))
                .isEqualTo(Digests.parameters("act", 1, b))
                .isEqualTo(dev.countersign.kit.json.CanonicalJson.sha256Hex(
                        "{\"action\":\"act\",\"action_version\":1,\"parameters\":{\"x\":1,\"y\":1}}"))
                .isNotEqualTo(Digests.of("act", 2, a, null));
        assertThat(Digests.of("act", 1, a, new dev.countersign.contracts.events.DryRunResult(true, null)))
                .isNotEqualTo(Digests.of("act", 1, a, null));
    }

    // --- Security review: vouching admins, edits that re-route, submitters as end users, revisions, late denials ---

    @Test
    void linksOneAdminIssuedForSeveralPeopleCountOnceAndNameTheAdmin() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 2, false));
        // The admin vouches that x1 and x2 hold the role (their link viewers carry it).
        Viewer x1 = new Viewer("acme", "x1", Set.of("finance"));
        Viewer x2 = new Viewer("acme", "x2", Set.of("finance"));

        Transition first = approveVouched(view, x1, "admin");
        assertThat(first.recorded().issuedBy()).isEqualTo("admin");
        assertThat(first.recorded().party()).isEqualTo("admin");
        Transition second = approveVouched(first.after(), x2, "admin");

        assertThat(second.after().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(second.after().decisions()).hasSize(2);
        assertThat(second.after().countingApprovals()).extracting(DecisionRecord::actor).containsExactly("x1");

        // Another accountable party completes the quorum; decided_by names who vouched for whom.
        Transition third = approve(second.after(), FIN_1);
        assertThat(third.after().status()).isEqualTo(ApprovalStatus.APPROVED);
        ProposalApproved approved = (ProposalApproved) third.events().get(0).data();
        assertThat(approved.decidedBy()).extracting(d -> d.actor() + "/" + d.issuedBy())
                .containsExactly("x1/admin", "fin-1/null");
        assertThat(approved.approval().decidedBy()).isEqualTo(approved.decidedBy());
    }

    @Test
    void anAdminWhoSubmittedCannotVouchUnderForbidSelfApproval() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 1, true));
        Viewer x1 = new Viewer("acme", "x1", Set.of("finance"));

        DomainException e = refused(() -> approveVouched(view, x1, ValidationsFixture.SUBMITTED_BY));
        assertThat(e.code()).isEqualTo("not_eligible");
        assertThat(e.getMessage()).contains(ValidationsFixture.SUBMITTED_BY).contains("vouch");
        assertThat(refused(() -> approveVouched(view, x1, "u-7")).code()).isEqualTo("not_eligible");
        assertThat(view.eligible(x1, ValidationsFixture.SUBMITTED_BY)).isFalse();
        // Another admin may vouch for the same person.
        assertThat(approveVouched(view, x1, "admin").after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aLinkAnApproverIssuedThemselvesCountsAsTheirOwn() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 2, false));

        Transition own = approveVouched(view, FIN_1, "fin-1");
        assertThat(own.recorded().issuedBy()).isNull();
        assertThat(own.recorded().party()).isEqualTo("fin-1");
        Transition second = approveVouched(own.after(), FIN_2, "fin-2");
        assertThat(second.after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void theSubmitterCannotApproveAsTheEndUserItDeclared() {
        // The submitter's token named itself as the proposal's user.
        ProposalAccepted base = accepted(approval("require_approval", "end_user", 1, false));
        ProposalAccepted selfDeclared = new ProposalAccepted(base.proposalId(), base.tenant(), base.assistant(),
                base.action(), base.parameters(), base.conversationId(),
                new dev.countersign.contracts.events.User(ValidationsFixture.SUBMITTED_BY, null, null), base.trigger(),
                base.reason(), base.actionVersion(), base.approvalMode(), base.expiresAt(), base.submittedAt(),
                base.submittedBy(), base.approval(), base.parametersSchema());
        ApprovalView view = ApprovalPolicy.arrive(selfDeclared, NOW).view();
        Viewer submitter = new Viewer("acme", ValidationsFixture.SUBMITTED_BY, Set.of());

        DomainException e = refused(() -> approve(view, submitter));
        assertThat(e.code()).isEqualTo("not_eligible");
        assertThat(e.getMessage()).contains("submitter");
        assertThat(view.mayDecide(submitter, NOW)).isFalse();
        assertThat(view.visibleTo(submitter)).isTrue();
        // ...nor through a link it vouched for.
        assertThat(refused(() -> approveVouched(view, new Viewer("acme", ValidationsFixture.SUBMITTED_BY,
                Set.of()), "admin")).code()).isEqualTo("not_eligible");
        assertThat(view.eligible(submitter, null)).isFalse();
    }

    @Test
    void anEditThatRoutesToAnotherRoleIsRefusedToWhoeverDoesNotHoldIt() {
        Approval block = approval("require_approval", "role:support", 1, false,
                new ApprovalRule("parameters.amount > 1000", "role:finance", 2));
        ApprovalView view = pending(block);
        assertThat(view.required().approver()).isEqualTo("role:support");
        Viewer supportOnly = new Viewer("acme", "sam", Set.of("support"));

        DomainException e = refused(() -> edit(view, block, supportOnly, withAmount(50000)));
        assertThat(e.code()).isEqualTo("not_eligible");
        assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
        assertThat(e.getMessage()).contains("role finance").contains("parameters.amount > 1000");

        // Someone who is both may edit: the approval now needs finance, quorum 2, and the edit counts as one.
        Viewer both = new Viewer("acme", "fay", Set.of("support", "finance"));
        Transition t = edit(view, block, both, withAmount(50000));
        assertThat(t.after().status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(t.after().required().approver()).isEqualTo("role:finance");
        assertThat(t.after().required().quorum()).isEqualTo(2);
        assertThat(t.after().required().rule()).isEqualTo("parameters.amount > 1000");
        assertThat(t.recorded().role()).isEqualTo("finance");
        assertThat(t.after().countingApprovals()).extracting(DecisionRecord::actor).containsExactly("fay");
        assertThat(((ApprovalRequested) t.events().get(0).data()).required().approver()).isEqualTo("role:finance");
        // Support alone may no longer decide it.
        assertThat(refused(() -> approve(t.after(), supportOnly)).code()).isEqualTo("not_eligible");

        Transition done = approve(t.after(), FIN_1);
        assertThat(done.after().status()).isEqualTo(ApprovalStatus.APPROVED);
        ProposalApproved approved = (ProposalApproved) done.events().get(0).data();
        assertThat(approved.approval().approver()).isEqualTo("role:finance");
        assertThat(approved.approval().quorum()).isEqualTo(2);
        assertThat(approved.approval().rule()).isEqualTo("parameters.amount > 1000");
    }

    @Test
    void anEditBackUnderTheDefaultRuleFollowsItToo() {
        Approval block = approval("require_approval", "role:support", 1, false,
                new ApprovalRule("parameters.amount > 1000", "role:finance", 2));
        ProposalAccepted large = ValidationsFixture.accepted("p-1", "acme", LATER, withAmount(5000), block);
        ApprovalView view = ApprovalPolicy.arrive(large, NOW).view();
        assertThat(view.required().approver()).isEqualTo("role:finance");
        Viewer both = new Viewer("acme", "fay", Set.of("support", "finance"));

        Transition t = DecisionRules.decide(view, new DecisionCommand("acme", "p-1", both, Decision.APPROVE,
                Channels.REST, null, withAmount(50), null), large, NOW);

        assertThat(t.after().required().approver()).isEqualTo("role:support");
        assertThat(t.after().required().rule()).isNull();
        assertThat(t.after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void editingBackToEarlierParametersDoesNotReviveEarlierApprovals() {
        Approval block = approval("require_approval", "role:finance", 2, false);
        ApprovalView a = pending(block);
        Map<String, Object> parametersA = a.parameters();
        Map<String, Object> parametersB = withAmount(40);

        ApprovalView alice = approve(a, FIN_1).after();                   // fin-1 approves A
        ApprovalView b = edit(alice, block, FIN_1, parametersB).after();   // fin-1 edits A -> B
        Transition backToA = edit(b, block, FIN_2, parametersA);           // fin-2 edits B -> A

        assertThat(backToA.after().digest()).isEqualTo(a.digest());
        assertThat(backToA.after().revision()).isEqualTo(2);
        assertThat(backToA.after().status()).as("fin-1's approval of A was of revision 0").isEqualTo(
                ApprovalStatus.PENDING);
        assertThat(backToA.after().countingApprovals()).extracting(DecisionRecord::actor).containsExactly("fin-2");
        assertThat(backToA.after().mayDecide(FIN_1, NOW)).isTrue();
        assertThat(approve(backToA.after(), FIN_1).after().status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void repeatedEditsBackAndForthRecordEveryDecisionUnderItsOwnKey() {
        Approval block = approval("require_approval", "role:finance", 3, false);
        ApprovalView view = pending(block);
        Map<String, Object> parametersA = view.parameters();
        Map<String, Object> parametersB = withAmount(40);
        List<String> keys = new java.util.ArrayList<>();

        for (int i = 0; i < 4; i++) {
            Transition t = edit(view, block, i % 2 == 0 ? FIN_1 : FIN_2, i % 2 == 0 ? parametersB : parametersA);
            DecisionRecord r = t.recorded();
            keys.add(r.revision() + "/" + r.digest() + "/" + r.actor() + "/" + r.decision());
            view = t.after();
        }

        // The decisions' key (revision, digest, actor, decision) never repeats, so storing them cannot clash.
        assertThat(keys).doesNotHaveDuplicates().hasSize(4);
        assertThat(view.revision()).isEqualTo(4);
        assertThat(view.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(view.countingApprovals()).extracting(DecisionRecord::actor).containsExactly("fin-2");
    }

    @Test
    void anApproverWhoApprovedMayStillDeny() {
        ApprovalView view = pending(approval("require_approval", "role:finance", 2, false));
        ApprovalView approved = approve(view, FIN_1).after();

        Transition t = DecisionRules.decide(approved, DecisionCommand.deny(FIN_1, "p-1", Channels.REST,
                "second thoughts", approved.digest()), null, NOW.plusSeconds(2));

        assertThat(t.after().status()).isEqualTo(ApprovalStatus.DENIED);
        assertThat(t.recorded().decision()).isEqualTo(Decision.DENY);
        assertThat(t.after().decisions()).extracting(d -> d.actor() + ":" + d.decision().wire())
                .containsExactly("fin-1:approve", "fin-1:deny");
        ProposalDenied denied = (ProposalDenied) t.events().get(0).data();
        assertThat(denied.reason()).isEqualTo("second thoughts");
    }
}
