package dev.countersign.contracts.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Who must approve: {@code approver} is {@code end_user} or {@code role:<name>} (DESIGN §4b); {@code role} and
 * {@code end_user} spell the same choice apart for consumers that read one field (DESIGN §2). {@code quorum}
 * distinct approvers are needed; {@code forbid_self_approval} bars the proposing user and submitter;
 * {@code rule} is the {@code when} expression that chose this, absent when the action's default applied.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RequiredApproval(String role, Boolean endUser, int quorum, String approver, Boolean forbidSelfApproval,
        String rule) {
    /** The value of {@code approver} that names the proposal's own end user. */
    public static final String END_USER = "end_user";
    /** The prefix of an {@code approver} that names a role. */
    public static final String ROLE_PREFIX = "role:";

    /** Who must approve, from an {@code approver} spelling ({@code end_user} or {@code role:<name>}). */
    public static RequiredApproval of(String approver, int quorum, boolean forbidSelfApproval, String rule) {
        boolean endUser = END_USER.equals(approver);
        String role = !endUser && approver != null && approver.startsWith(ROLE_PREFIX)
                ? approver.substring(ROLE_PREFIX.length()) : null;
        return new RequiredApproval(role, endUser, quorum, approver, forbidSelfApproval, rule);
    }
}
