package dev.countersign.approval.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.countersign.approval.domain.ApprovalView;
import dev.countersign.approval.domain.DecisionRecord;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.events.RequiredApproval;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An approval as the HTML pages show it, with every value already a display string (JSON pretty-printed). The
 * templates escape all of it: parameters, reasons and comments come from assistants and people, never trusted.
 */
public record ProposalCard(String proposalId, String assistant, String action, int actionVersion, String status,
        String mode, String reason, String user, String conversationId, String parameters,
        String proposedParameters, DryRun dryRun, boolean dryRunPending, String required, String expiresAt,
        String expiresIn, List<DecisionLine> decisions, String digest) {

    /** A dry run's outcome. */
    public record DryRun(boolean ok, String outcome) {
    }

    /** One decision so far; {@code current}: made on the current revision and digest (so it can count). */
    public record DecisionLine(String actor, String decision, String role, String channel, String at, String comment,
            boolean current, String issuedBy) {
    }

    /** The card of {@code view} as of {@code now}. */
    public static ProposalCard of(ApprovalView view, Instant now) {
        List<DecisionLine> decisions = view.decisions().stream().map(d -> line(d, view)).toList();
        return new ProposalCard(view.proposalId(), view.assistant(), view.action(), view.actionVersion(),
                view.status().wire(), view.mode(), view.reason(), user(view), view.conversationId(),
                json(view.parameters()), view.edited() ? json(view.proposedParameters()) : null,
                view.dryRun() == null ? null : new DryRun(view.dryRun().ok(), json(view.dryRun().outcome())),
                view.dryRunPending(), required(view.required()), view.expiresAt().toString(),
                until(now, view.expiresAt()), decisions, view.digest());
    }

    /** The proposal page's path, the id percent-encoded as one path segment. */
    public String href() {
        return "/proposals/" + segment(proposalId);
    }

    /** {@code value} percent-encoded as one URL path segment. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code value} as indented JSON, numbers spelled as they came. */
    public static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private static DecisionLine line(DecisionRecord d, ApprovalView view) {
        return new DecisionLine(d.actor(), d.decision().wire(), d.role(), d.channel(),
                d.at() == null ? "" : d.at().truncatedTo(ChronoUnit.SECONDS).toString(), d.comment(),
                d.on(view.revision(), view.digest()), d.issuedBy());
    }

    private static String user(ApprovalView view) {
        if (view.user() == null) {
            return null;
        }
        StringBuilder label = new StringBuilder();
        if (view.user().name() != null) {
            label.append(view.user().name());
        }
        if (view.user().email() != null) {
            label.append(label.isEmpty() ? "" : " ").append('<').append(view.user().email()).append('>');
        }
        if (view.user().id() != null) {
            label.append(label.isEmpty() ? "" : " ").append("(").append(view.user().id()).append(")");
        }
        return label.toString();
    }

    private static String required(RequiredApproval required) {
        if (required == null) {
            return "nobody";
        }
        String who = Boolean.TRUE.equals(required.endUser()) ? "the end user"
                : required.role() != null ? "role " + required.role() : String.valueOf(required.approver());
        String text = required.quorum() > 1 ? required.quorum() + " different people with " + who : who;
        if (Boolean.TRUE.equals(required.forbidSelfApproval())) {
            text += ", not the proposer";
        }
        if (required.rule() != null) {
            text += " (rule: " + required.rule() + ")";
        }
        return text;
    }

    private static String until(Instant now, Instant deadline) {
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        if (left.toDays() > 0) {
            return "in " + left.toDays() + " d " + left.toHoursPart() + " h";
        }
        if (left.toHours() > 0) {
            return "in " + left.toHours() + " h " + left.toMinutesPart() + " min";
        }
        return "in " + Math.max(1, left.toMinutes()) + " min";
    }
}
