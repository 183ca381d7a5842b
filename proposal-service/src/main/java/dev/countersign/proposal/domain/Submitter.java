package dev.countersign.proposal.domain;

import dev.countersign.contracts.Roles;
import java.util.Set;

/**
 * The authenticated caller of the proposal endpoints, as its bearer token says: subject, tenant, groups, and the
 * {@code assistant} claim that binds a submitter token to one assistant (null when unbound). Who may submit or read
 * which proposal is decided here; whether the token may call the endpoint at all is the resource's role check.
 */
public record Submitter(String subject, String tenant, Set<String> groups, String assistant) {
    /** Group that may submit proposals of its tenant (optionally bound to one assistant). */
    public static final String SUBMITTER = Roles.SUBMITTER;
    /** Group that administers its tenant; never bound to an assistant. */
    public static final String ADMIN = Roles.ADMIN;
    /** Group that reads its tenant's history (audit); may read any of the tenant's proposals. */
    public static final String AUDITOR = Roles.AUDITOR;
    /** Token claim that binds a submitter to one assistant. */
    public static final String ASSISTANT_CLAIM = "assistant";

    public Submitter {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** Whether this caller may submit a proposal for {@code assistant} (the proposal's, possibly null). */
    public boolean mayPropose(String proposalAssistant) {
        return groups.contains(ADMIN) || assistant == null || assistant.equals(proposalAssistant);
    }

    /**
     * Whether this caller may read a proposal of its tenant made for {@code proposalAssistant}: admins and auditors
     * read all of them, a bound submitter only its assistant's.
     */
    public boolean mayRead(String proposalAssistant) {
        return groups.contains(ADMIN) || groups.contains(AUDITOR) || assistant == null
                || assistant.equals(proposalAssistant);
    }
}
