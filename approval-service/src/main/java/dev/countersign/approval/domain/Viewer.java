package dev.countersign.approval.domain;

import dev.countersign.contracts.Roles;
import java.util.Objects;
import java.util.Set;

/**
 * Who looks at or decides an approval: a token's tenant, subject and groups (REST, inbox), the approver a
 * one-time link was issued to, or the end user named by a chat decision (whose groups are empty unless the
 * chat's roles are trusted).
 */
public record Viewer(String tenant, String subject, Set<String> groups) {

    public Viewer {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /** Whether the viewer's groups contain {@code group}. */
    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    /** A tenant admin: reads everything of the tenant and issues links, but is no approver by that alone. */
    public boolean isAdmin() {
        return inGroup(Roles.ADMIN);
    }

    /** A tenant auditor: reads everything of the tenant, decides nothing by that alone. */
    public boolean isAuditor() {
        return inGroup(Roles.AUDITOR);
    }

    /**
     * Whether the viewer may read every approval of its tenant: admins and auditors. Everyone else (the
     * {@code approver} group too) reads only what the policy names them for or they decided, as lists show it.
     */
    public boolean readsWholeTenant() {
        return isAdmin() || isAuditor();
    }
}
