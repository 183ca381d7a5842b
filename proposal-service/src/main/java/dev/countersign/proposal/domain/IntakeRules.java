package dev.countersign.proposal.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.events.FieldError;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.contracts.events.ProposalRejected;
import dev.countersign.contracts.events.ProposalSubmitted;
import dev.countersign.contracts.events.RejectionCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules that judge a proposal, in order: no U+0000 anywhere, the published {@code proposal.submitted} schema,
 * then, against the action as the replica knows it, unknown or retired action, the parameters schema of the latest
 * version, and the expiry limits. Each rejection carries a relayable message and one error per bad field, bounded
 * so that it always fits on Kafka. Pure: the service looks the action up and stores the outcome.
 */
public final class IntakeRules {
    /** Longest tenant the published schema allows (and so the longest dedupe tenant). */
    public static final int MAX_TENANT_LENGTH = 128;
    /** Most field errors one rejection lists. */
    static final int MAX_ERRORS = 50;
    /** Longest path or message of one field error. */
    static final int MAX_TEXT = 500;

    private final EnvelopeValidator envelope = new EnvelopeValidator();
    private final ParameterValidator parameters;
    private final int defaultExpiresInMinutes;

    /**
     * Rules validating parameters with {@code parameters} and giving a proposal {@code defaultExpiresInMinutes} when
     * neither it nor its action sets an expiry.
     */
    public IntakeRules(ParameterValidator parameters, int defaultExpiresInMinutes) {
        this.parameters = parameters;
        this.defaultExpiresInMinutes = defaultExpiresInMinutes;
    }

    /** The outcome of the checks that need no action: either a rejection or the proposal read as the contract. */
    public record Screened(ProposalSubmitted proposal, Outcome.Rejected rejection) {
    }

    /** The checks that need no action lookup. */
    public Screened screen(Submission s) {
        // First, and alone: no database (here or downstream) can store U+0000, and the schema's messages could
        // quote the offending text.
        List<FieldError> nuls = NulCharacters.find(s.data());
        if (!nuls.isEmpty()) {
            return new Screened(null, reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: "
                    + sentences(nuls), nuls));
        }
        List<FieldError> problems = envelope.validate(s.data());
        if (!problems.isEmpty()) {
            return new Screened(null, reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: "
                    + sentences(problems), problems));
        }
        try {
            return new Screened(Json.mapper().treeToValue(s.data(), ProposalSubmitted.class), null);
        } catch (JsonProcessingException e) {
            // The schema passed, so this is a shape the records cannot hold; still the sender's problem.
            return new Screened(null, reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: it could not "
                    + "be read.", List.of(new FieldError("", "malformed", "The proposal could not be read."))));
        }
    }

    /** Judges {@code p} (screened from {@code s}) against {@code action} (null when unknown) at {@code now}. */
    public Outcome decide(Submission s, ProposalSubmitted p, ActionState action, Instant now) {
        if (!ActionState.known(action)) {
            return reject(s, RejectionCodes.UNKNOWN_ACTION, "There is no action named '" + p.action()
                    + "' for the assistant '" + p.assistant() + "'.", List.of(new FieldError("action",
                    RejectionCodes.UNKNOWN_ACTION, "The action '" + p.action() + "' does not exist.")));
        }
        if (action.retired()) {
            return reject(s, RejectionCodes.ACTION_RETIRED, "The action '" + p.action()
                    + "' has been retired and no longer accepts proposals.", List.of(new FieldError("action",
                    RejectionCodes.ACTION_RETIRED, "The action '" + p.action() + "' has been retired.")));
        }
        ActionDefinition definition = action.definition();
        String versionKey = p.tenant() + "/" + p.assistant() + "/" + p.action() + "@" + action.latestVersion();
        List<FieldError> invalid = parameters.validate(versionKey, definition.parametersJsonSchema(),
                s.data().get("parameters"));
        if (!invalid.isEmpty()) {
            return reject(s, RejectionCodes.INVALID_PARAMETERS, "The parameters are not valid: " + sentences(invalid),
                    invalid);
        }
        Approval approval = definition.approval();
        Integer maxExpiry = approval == null ? null : approval.maxExpiresInMinutes();
        if (p.expiresInMinutes() != null && maxExpiry != null && p.expiresInMinutes() > maxExpiry) {
            return reject(s, RejectionCodes.MALFORMED, "The proposal asks to stay open for " + p.expiresInMinutes()
                    + " minutes; this action allows at most " + maxExpiry + ".",
                    List.of(new FieldError("expires_in_minutes", "out_of_range",
                            "expires_in_minutes must be at most " + maxExpiry + " for this action.")));
        }
        String mode = approval != null && approval.mode() != null ? approval.mode() : ApprovalModes.AUTO;
        Integer expiry = approval == null ? null : approval.expiresInMinutes();
        int minutes = p.expiresInMinutes() != null ? p.expiresInMinutes()
                : expiry != null && expiry > 0 ? expiry : defaultExpiresInMinutes;
        return new Outcome.Accepted(new ProposalAccepted(s.proposalId(), p.tenant(), p.assistant(), p.action(),
                p.parameters(), p.conversationId(), p.user(), p.trigger(), p.reason(), action.latestVersion(), mode,
                now.plus(Duration.ofMinutes(minutes)), now, s.submittedBy(), approval,
                definition.parametersJsonSchema()), false);
    }

    /**
     * The rejection of a proposal that names no usable tenant: {@code decided} when it already is one (it always is
     * while {@link #dedupeTenant} accepts what the published schema accepts), never an acceptance that could not be
     * deduplicated.
     */
    public static Outcome.Rejected tenantless(Submission s, Outcome decided) {
        return decided instanceof Outcome.Rejected r ? r
                : reject(s, RejectionCodes.MALFORMED, "The proposal is malformed: it names no usable tenant.",
                        List.of(new FieldError("tenant", "required", "The tenant is required.")));
    }

    /** The rejection of a body that reuses the id of a different, stored proposal. */
    public static ProposalRejected conflict(Submission s) {
        return rejection(s, RejectionCodes.DUPLICATE_CONFLICT, "A different proposal was already submitted with the id '"
                + s.proposalId() + "'; submit this one again with a new id.", List.of(new FieldError("proposal_id",
                RejectionCodes.DUPLICATE_CONFLICT, "The proposal id is already used by a different proposal.")));
    }

    /**
     * The tenant a proposal is deduplicated under: its {@code tenant} when the published schema allows it (text,
     * 1 to 128 characters) and it can be stored (no U+0000); otherwise null: such a proposal is always malformed
     * and deduplicated by sender instead, since proposal ids are unique only within a tenant.
     */
    public static String dedupeTenant(ObjectNode data) {
        String tenant = text(data, "tenant");
        return tenant == null || tenant.isEmpty() || tenant.length() > MAX_TENANT_LENGTH || NulCharacters.in(tenant)
                ? null : tenant;
    }

    private static Outcome.Rejected reject(Submission s, String code, String message, List<FieldError> errors) {
        return new Outcome.Rejected(rejection(s, code, message, errors), false);
    }

    private static ProposalRejected rejection(Submission s, String code, String message, List<FieldError> all) {
        ObjectNode d = s.data();
        // The rejection echoes only what can be stored: a field with U+0000 is left out (its error names it).
        return new ProposalRejected(s.proposalId(), storable(d, "tenant"), storable(d, "assistant"),
                storable(d, "action"), storable(d, "conversation_id"), code, clip(message, 2000), bounded(all), null,
                s.submittedBy());
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
        List<FieldError> out = new ArrayList<>();
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

    private static String storable(ObjectNode data, String field) {
        String value = text(data, field);
        return NulCharacters.in(value) ? null : value;
    }

    private static String text(ObjectNode data, String field) {
        JsonNode node = data.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }
}
