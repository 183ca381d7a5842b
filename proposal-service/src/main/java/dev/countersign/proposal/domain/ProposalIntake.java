package dev.countersign.proposal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.contracts.events.ProposalSubmitted;
import dev.countersign.contracts.events.RejectionCodes;
import dev.countersign.kit.messaging.Outbox;
import dev.countersign.kit.messaging.OutboxEvent;
import dev.countersign.kit.messaging.OutboxRelay;
import dev.countersign.proposal.config.ProposalConfig;
import dev.countersign.proposal.persistence.ActionReplicaRepository;
import dev.countersign.proposal.persistence.ActionReplicaRepository.Current;
import dev.countersign.proposal.persistence.ProposalRepository;
import dev.countersign.proposal.persistence.ProposalRepository.ProposalRow;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one path every proposal takes, from Kafka or HTTP: check it against the published schema, dedupe it by
 * (tenant, proposal id), find its action in the replica, validate its parameters with the action's schema,
 * then store it with its outcome and the {@code proposal.accepted}/{@code proposal.rejected} event in one
 * transaction (outbox). A redelivery returns the stored outcome and emits nothing. A proposal that names no
 * usable tenant is rejected {@code malformed} and deduplicated by (origin, proposal id, body) instead, since
 * proposal ids are unique only within a tenant.
 */
@ApplicationScoped
public class ProposalIntake {
    /** Inbox consumer name under which rejections of proposals without a usable tenant are recorded once. */
    static final String TENANTLESS_CONSUMER = "proposal-intake/no-tenant";
    /** Longest tenant the published schema allows (and so the longest dedupe tenant). */
    static final int MAX_TENANT_LENGTH = 128;

    private final Pool pool;
    private final ProposalRepository proposals;
    private final ActionReplicaRepository actions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ProposalConfig config;
    private final EnvelopeValidator envelope = new EnvelopeValidator();
    private final ParameterValidator parameters = new ParameterValidator();

    ProposalIntake(Pool pool, ProposalRepository proposals, ActionReplicaRepository actions, Outbox outbox,
            OutboxRelay relay, ProposalConfig config) {
        this.pool = pool;
        this.proposals = proposals;
        this.actions = actions;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    /** Takes one submission through intake; the outcome says what was (or had already been) published. */
    public Uni<Outcome> submit(Submission s) {
        String tenant = dedupeTenant(s.data());
        String hash = CanonicalJson.sha256(s.data());
        if (tenant == null) {
            return tenantless(s, hash).invoke(outcome -> {
                if (!outcome.replayed()) {
                    relay.wake();
                }
            });
        }
        return proposals.find(tenant, s.proposalId())
                .flatMap(existing -> existing != null
                        // Fast path for redeliveries: no action lookup, no grace wait.
                        ? known(existing, s, tenant, hash)
                        : evaluate(s).flatMap(decided -> pool.withTransaction(tx -> store(tx, s, tenant, hash, decided))))
                .invoke(outcome -> {
                    if (!outcome.replayed()) {
                        relay.wake();
                    }
                });
    }

    private Uni<Outcome> known(ProposalRow existing, Submission s, String tenant, String hash) {
        if (existing.bodyHash().equals(hash)) {
            return Uni.createFrom().item(replay(existing));
        }
        return pool.withTransaction(tx -> conflict(tx, s, tenant, hash));
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
            Outcome.Rejected rejected = decided.outcome() instanceof Outcome.Rejected r ? r
                    // unreachable while dedupeTenant accepts what the published schema accepts; never publish an
                    // acceptance that cannot be deduplicated
                    : reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: it names no usable tenant.",
                            List.of(new FieldError("tenant", "required", "The tenant is required.")));
            return pool.withTransaction(tx -> proposals.insertProcessed(tx, TENANTLESS_CONSUMER, key)
                    .flatMap(first -> first
                            ? outbox.add(tx, event(rejected)).replaceWith((Outcome) rejected)
                            : Uni.createFrom().item(new Outcome.Rejected(rejected.event(), true))));
        });
    }

    /** An evaluated submission: its outcome and when it was judged. */
    private record Decided(Outcome outcome, Instant at) {
    }

    private Uni<Decided> evaluate(Submission s) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // First, and alone: no database (here or downstream) can store U+0000, and the schema's messages could
        // quote the offending text.
        List<FieldError> nuls = NulCharacters.find(s.data());
        if (!nuls.isEmpty()) {
            return decided(reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: " + sentences(nuls),
                    nuls), now);
        }
        List<FieldError> problems = envelope.validate(s.data());
        if (!problems.isEmpty()) {
            return decided(reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: " + sentences(problems),
                    problems), now);
        }
        ProposalSubmitted p;
        try {
            p = Json.mapper().treeToValue(s.data(), ProposalSubmitted.class);
        } catch (JsonProcessingException e) {
            // The schema passed, so this is a shape the records cannot hold; still the sender's problem.
            return decided(reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: it could not be read.",
                    List.of(new FieldError("", "malformed", "The proposal could not be read."))), now);
        }
        return GraceLookup.untilFound(() -> actions.current(p.tenant(), p.assistant(), p.action()),
                        current -> current != null && (current.retired() || current.definition() != null),
                        config.unknownActionGrace(), config.unknownActionPoll())
                .map(current -> new Decided(decide(s, p, current, now), now));
    }

    private Outcome decide(Submission s, ProposalSubmitted p, Current current, Instant now) {
        if (current == null || (!current.retired() && current.definition() == null)) {
            return reject(s, RejectionCodes.UNKNOWN_ACTION, "There is no action named '" + p.action()
                    + "' for the assistant '" + p.assistant() + "'.", List.of(new FieldError("action",
                    RejectionCodes.UNKNOWN_ACTION, "The action '" + p.action() + "' does not exist.")));
        }
        if (current.retired()) {
            return reject(s, RejectionCodes.ACTION_RETIRED, "The action '" + p.action()
                    + "' has been retired and no longer accepts proposals.", List.of(new FieldError("action",
                    RejectionCodes.ACTION_RETIRED, "The action '" + p.action() + "' has been retired.")));
        }
        JsonNode definition = readDefinition(current.definition());
        String versionKey = p.tenant() + "/" + p.assistant() + "/" + p.action() + "@" + current.latestVersion();
        List<FieldError> invalid = parameters.validate(versionKey, definition.path("parameters_json_schema"),
                s.data().get("parameters"));
        if (!invalid.isEmpty()) {
            return reject(s, RejectionCodes.INVALID_PARAMETERS, "The parameters are not valid: " + sentences(invalid),
                    invalid);
        }
        // Read leniently from the tree: a definition field of an odd shape must not make the proposal unprocessable.
        JsonNode approval = definition.path("approval");
        String mode = approval.path("mode").isTextual() ? approval.path("mode").asText() : ApprovalModes.AUTO;
        JsonNode expiry = approval.path("expires_in_minutes");
        JsonNode maxExpiry = approval.path("max_expires_in_minutes");
        if (p.expiresInMinutes() != null && maxExpiry.isIntegralNumber() && p.expiresInMinutes() > maxExpiry.asInt()) {
            return reject(s, RejectionCodes.MALFORMED, "The proposal asks to stay open for " + p.expiresInMinutes()
                    + " minutes; this action allows at most " + maxExpiry.asInt() + ".",
                    List.of(new FieldError("expires_in_minutes", "out_of_range",
                            "expires_in_minutes must be at most " + maxExpiry.asInt() + " for this action.")));
        }
        int minutes = p.expiresInMinutes() != null ? p.expiresInMinutes()
                : expiry.isIntegralNumber() && expiry.canConvertToInt() && expiry.asInt() > 0 ? expiry.asInt()
                : config.defaultExpiresInMinutes();
        return new Outcome.Accepted(new ProposalAccepted(s.proposalId(), p.tenant(), p.assistant(), p.action(),
                p.parameters(), p.conversationId(), p.user(), p.trigger(), p.reason(), current.latestVersion(), mode,
                now.plus(Duration.ofMinutes(minutes)), now), false);
    }

    private Uni<Outcome> store(SqlClient tx, Submission s, String tenant, String hash, Decided decided) {
        return proposals.insert(tx, row(s, tenant, hash, decided))
                .flatMap(inserted -> {
                    if (inserted) {
                        return outbox.add(tx, event(decided.outcome())).replaceWith(decided.outcome());
                    }
                    // Lost a race with a concurrent submission of the same id (e.g. HTTP retry while Kafka
                    // delivers): judge against what the winner stored.
                    return proposals.find(tx, tenant, s.proposalId()).flatMap(existing ->
                            existing.bodyHash().equals(hash) ? Uni.createFrom().item(replay(existing))
                                    : conflict(tx, s, tenant, hash));
                });
    }

    private Uni<Outcome> conflict(SqlClient tx, Submission s, String tenant, String hash) {
        ProposalRejected rejected = rejection(s, RejectionCodes.DUPLICATE_CONFLICT,
                "A different proposal was already submitted with the id '" + s.proposalId()
                        + "'; submit this one again with a new id.",
                List.of(new FieldError("proposal_id", RejectionCodes.DUPLICATE_CONFLICT,
                        "The proposal id is already used by a different proposal.")));
        return proposals.insertConflict(tx, tenant, s.proposalId(), hash).flatMap(first -> {
            if (!first) {
                return Uni.createFrom().item(new Outcome.Rejected(rejected, true));
            }
            Log.infof("proposal %s reused with a different body: rejected duplicate_conflict", s.proposalId());
            return outbox.add(tx, OutboxEvent.of(EventTypes.PROPOSAL_REJECTED, s.proposalId(), rejected))
                    .replaceWith(new Outcome.Rejected(rejected, false));
        });
    }

    private static Uni<Decided> decided(Outcome outcome, Instant at) {
        return Uni.createFrom().item(new Decided(outcome, at));
    }

    private static Outcome.Rejected reject(Submission s, String code, String message, List<FieldError> errors) {
        return new Outcome.Rejected(rejection(s, code, message, errors), false);
    }

    /** Most field errors one rejection lists, and longest message: a rejection must always fit on Kafka. */
    static final int MAX_ERRORS = 50;
    static final int MAX_TEXT = 500;

    private static ProposalRejected rejection(Submission s, String code, String message, List<FieldError> all) {
        List<FieldError> errors = bounded(all);
        message = clip(message, 2000);
        ObjectNode d = s.data();
        // The rejection echoes only what can be stored: a field with U+0000 is left out (its error names it).
        return new ProposalRejected(s.proposalId(), storable(d, "tenant"), storable(d, "assistant"),
                storable(d, "action"), storable(d, "conversation_id"), code, message, errors, null);
    }

    private static OutboxEvent event(Outcome outcome) {
        // Java 17 has no pattern switch; Outcome is sealed, so these two cases are all there are.
        if (outcome instanceof Outcome.Accepted a) {
            return OutboxEvent.of(EventTypes.PROPOSAL_ACCEPTED, a.proposalId(), a.event());
        }
        Outcome.Rejected r = (Outcome.Rejected) outcome;
        return OutboxEvent.of(EventTypes.PROPOSAL_REJECTED, r.proposalId(), r.event());
    }

    private static ProposalRow row(Submission s, String tenant, String hash, Decided decided) {
        ObjectNode d = s.data();
        String body = CanonicalJson.of(d);
        if (decided.outcome() instanceof Outcome.Accepted a) {
            return new ProposalRow(tenant, s.proposalId(), hash, body, a.event().assistant(), a.event().action(),
                    a.event().conversationId(), "accepted", null, a.event().actionVersion(), a.event().approvalMode(),
                    a.event().expiresAt(), a.event().submittedAt(), json(a.event()), s.channel());
        }
        ProposalRejected r = ((Outcome.Rejected) decided.outcome()).event();
        return new ProposalRow(tenant, s.proposalId(), hash, body, r.assistant(), r.action(), r.conversationId(),
                "rejected", r.code(), null, null, null, decided.at(), json(r), s.channel());
    }

    private static Outcome replay(ProposalRow row) {
        try {
            return "accepted".equals(row.status())
                    ? new Outcome.Accepted(Json.mapper().readValue(row.outcome(), ProposalAccepted.class), true)
                    : new Outcome.Rejected(Json.mapper().readValue(row.outcome(), ProposalRejected.class), true);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored outcome of " + row.proposalId() + " is unreadable", e);
        }
    }

    /** The messages of {@code errors} joined into one relayable text (the first few when there are many). */
    static String sentences(List<FieldError> errors) {
        String joined = errors.stream().limit(10).map(FieldError::message).collect(Collectors.joining(" "));
        return errors.size() > 10 ? joined + " (and " + (errors.size() - 10) + " more problems)" : joined;
    }

    // Errors echo field names the sender chose; without bounds a rejection could outgrow what Kafka accepts.
    static List<FieldError> bounded(List<FieldError> errors) {
        if (errors == null) {
            return List.of();
        }
        List<FieldError> out = new java.util.ArrayList<>();
        for (FieldError e : errors.subList(0, Math.min(errors.size(), MAX_ERRORS))) {
            out.add(new FieldError(clip(e.path(), MAX_TEXT), e.code(), clip(e.message(), MAX_TEXT)));
        }
        if (errors.size() > MAX_ERRORS) {
            out.add(new FieldError("", "too_many_errors", (errors.size() - MAX_ERRORS)
                    + " more problems are not listed; fix the ones above and submit again."));
        }
        return out;
    }

    static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /**
     * The tenant a proposal is deduplicated under: its {@code tenant} when the published schema allows it (text,
     * 1 to 128 characters) and it can be stored (no U+0000); otherwise null, for {@link #tenantless}.
     */
    static String dedupeTenant(ObjectNode data) {
        String tenant = text(data, "tenant");
        return tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT_LENGTH || NulCharacters.in(tenant)
                ? null : tenant;
    }

    private static String storable(ObjectNode data, String field) {
        String value = text(data, field);
        return NulCharacters.in(value) ? null : value;
    }

    private static String text(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static JsonNode readDefinition(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored action definition is unreadable", e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not serialisable", e);
        }
    }
}
