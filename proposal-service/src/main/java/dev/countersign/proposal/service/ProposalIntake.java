package dev.countersign.proposal.service;

import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.kit.json.CanonicalJson;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.persistence.Inbox;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.proposal.config.ProposalConfig;
import dev.countersign.proposal.domain.ActionState;
import dev.countersign.proposal.domain.IntakeRules;
import dev.countersign.proposal.domain.Outcome;
import dev.countersign.proposal.domain.ParameterValidator;
import dev.countersign.proposal.domain.Submission;
import dev.countersign.proposal.persistence.Proposal;
import dev.countersign.proposal.persistence.ProposalRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one path every proposal takes, from Kafka or HTTP: dedupe it by (tenant, proposal id), judge it with the
 * {@link IntakeRules} against the action as the replica knows it (waiting out the unknown-action grace), then
 * store it with its {@code proposal.accepted}/{@code proposal.rejected} event in one transaction (outbox). A
 * redelivery returns the stored outcome and emits nothing. A proposal that names no usable tenant is rejected
 * {@code malformed} and deduplicated by (origin, proposal id, body) in the kit's inbox instead, since proposal ids
 * are unique only within a tenant.
 */
@ApplicationScoped
public class ProposalIntake {
    /** Inbox consumer name under which rejections of proposals without a usable tenant are recorded once. */
    static final String TENANTLESS_CONSUMER = "proposal-intake/no-tenant";
    private static final String UNIQUE_VIOLATION = "23505";

    private final Transactions transactions;
    private final ProposalRepository proposals;
    private final ActionReplicaService actions;
    private final Outbox outbox;
    private final Inbox inbox;
    private final ProposalConfig config;
    private final IntakeRules rules;

    ProposalIntake(Transactions transactions, ProposalRepository proposals, ActionReplicaService actions,
            Outbox outbox, Inbox inbox, ProposalConfig config, CompiledSchemas schemas) {
        this.transactions = transactions;
        this.proposals = proposals;
        this.actions = actions;
        this.outbox = outbox;
        this.inbox = inbox;
        this.config = config;
        this.rules = new IntakeRules(new ParameterValidator(schemas::compile), config.defaultExpiresInMinutes());
    }

    /** Takes one submission through intake; the outcome says what was (or had already been) published. */
    public Uni<Outcome> submit(Submission s) {
        String tenant = IntakeRules.dedupeTenant(s.data());
        String hash = s.bodyHash();
        if (tenant == null) {
            return tenantless(s, hash);
        }
        return dedupe(s, tenant, hash)
                // Lost an insert race with a concurrent submission of the same id (e.g. an HTTP retry while Kafka
                // delivers): the winner has committed, so judging again takes the redelivery/conflict path.
                .onFailure(ProposalIntake::uniqueViolation).recoverWithUni(() -> dedupe(s, tenant, hash));
    }

    private Uni<Outcome> dedupe(Submission s, String tenant, String hash) {
        return transactions.read(session -> proposals.find(tenant, s.proposalId()))
                .flatMap(existing -> existing != null
                        // Fast path for redeliveries: no action lookup, no grace wait.
                        ? known(existing, s, tenant, hash)
                        : evaluate(s).flatMap(decided -> transactions.write(session -> store(session, s, tenant, hash,
                                decided))));
    }

    private Uni<Outcome> known(Proposal existing, Submission s, String tenant, String hash) {
        if (existing.bodyHash.equals(hash)) {
            return Uni.createFrom().item(replay(existing));
        }
        return transactions.write(session -> conflict(session, s, tenant, hash));
    }

    /**
     * A proposal without a usable tenant (missing, not text, empty, too long, or containing U+0000) is always
     * malformed. It is not stored under some shared "no tenant" key: proposal ids are unique only per tenant, so
     * unrelated senders' ids would collide there (a second sender's proposal answered as a redelivery or a
     * duplicate_conflict). Instead its rejection is recorded once per (origin, proposal id, body): a redelivery
     * emits nothing, anyone else gets their own rejection.
     */
    private Uni<Outcome> tenantless(Submission s, String hash) {
        String key = CanonicalJson.sha256(Json.mapper().createArrayNode().add(String.valueOf(s.origin()))
                .add(s.proposalId()).add(hash));
        return evaluate(s).flatMap(decided -> {
            Outcome.Rejected rejected = IntakeRules.tenantless(s, decided.outcome());
            return transactions.write(session -> inbox.firstDelivery(session, TENANTLESS_CONSUMER, key)
                    .flatMap(first -> first
                            ? outbox.add(session, event(rejected)).replaceWith((Outcome) rejected)
                            : Uni.createFrom().item(new Outcome.Rejected(rejected.event(), true))));
        });
    }

    /** An evaluated submission: its outcome and when it was judged. */
    private record Decided(Outcome outcome, Instant at) {
    }

    private Uni<Decided> evaluate(Submission s) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IntakeRules.Screened screened = rules.screen(s);
        if (screened.rejection() != null) {
            return Uni.createFrom().item(new Decided(screened.rejection(), now));
        }
        var p = screened.proposal();
        return GraceLookup.untilFound(() -> actions.current(p.tenant(), p.assistant(), p.action()), ActionState::known,
                        config.unknownActionGrace(), config.unknownActionPoll())
                .map(action -> new Decided(rules.decide(s, p, action, now), now));
    }

    private Uni<Outcome> store(Mutiny.Session session, Submission s, String tenant, String hash, Decided decided) {
        // A concurrent insert of the same key fails this transaction with a unique violation (see submit).
        return proposals.persist(proposal(s, tenant, hash, decided))
                .flatMap(stored -> outbox.add(session, event(decided.outcome())))
                .replaceWith(decided.outcome());
    }

    private Uni<Outcome> conflict(Mutiny.Session session, Submission s, String tenant, String hash) {
        ProposalRejected rejected = IntakeRules.conflict(s);
        return proposals.firstConflict(session, tenant, s.proposalId(), hash).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(new Outcome.Rejected(rejected, true));
            }
            Log.infof("proposal %s reused with a different body: rejected duplicate_conflict", s.proposalId());
            return outbox.add(session, OutboxEvent.of(EventTypes.PROPOSAL_REJECTED, s.proposalId(), rejected))
                    .replaceWith(new Outcome.Rejected(rejected, false));
        });
    }

    private static OutboxEvent event(Outcome outcome) {
        // Java 17 has no pattern switch; Outcome is sealed, so these two cases are all there are.
        if (outcome instanceof Outcome.Accepted a) {
            return OutboxEvent.of(EventTypes.PROPOSAL_ACCEPTED, a.proposalId(), a.event());
        }
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        return OutboxEvent.of(EventTypes.PROPOSAL_REJECTED, r.proposalId(), r.event());
    }

    private static Proposal proposal(Submission s, String tenant, String hash, Decided decided) {
        Proposal p = new Proposal();
        p.tenant = tenant;
        p.proposalId = s.proposalId();
        p.bodyHash = hash;
        p.body = s.canonicalBody();
        p.channel = s.channel();
        if (decided.outcome() instanceof Outcome.Accepted a) {
            ProposalAccepted e = a.event();
            p.status = Proposal.ACCEPTED;
            p.assistant = e.assistant();
            p.action = e.action();
            p.conversationId = e.conversationId();
            p.actionVersion = e.actionVersion();
            p.approvalMode = e.approvalMode();
            p.expiresAt = e.expiresAt();
            p.submittedAt = e.submittedAt();
            p.accepted = e;
        } else {
            ProposalRejected r = ((Outcome.Rejected) decided.outcome()).event();
            p.status = Proposal.REJECTED;
            p.assistant = r.assistant();
            p.action = r.action();
            p.conversationId = r.conversationId();
            p.code = r.code();
            p.submittedAt = decided.at();
            p.rejected = r;
        }
        return p;
    }

    private static Outcome replay(Proposal p) {
        return Proposal.ACCEPTED.equals(p.status) ? new Outcome.Accepted(p.accepted, true)
                : new Outcome.Rejected(p.rejected, true);
    }

    static boolean uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = t instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : t instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
            if (UNIQUE_VIOLATION.equals(state)) {
                return true;
            }
        }
        return false;
    }
}
