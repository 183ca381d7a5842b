package dev.countersign.contracts;

/**
 * The role names (values of a token's {@code groups} claim) the REST surface authorises with. Part of the contract:
 * identity providers are configured with exactly these names.
 */
public final class Roles {
    /** Writes its tenant's definitions, credentials and endpoints; reads everything of its tenant. */
    public static final String ADMIN = "countersign-admin";
    /** Reads (and, with human decisions, decides) its tenant's approvals; policies add their own role names. */
    public static final String APPROVER = "approver";
    /** Reads, exports and verifies its tenant's audit log. */
    public static final String AUDITOR = "countersign-auditor";
    /** Submits proposals; an {@code assistant} claim binds it to one assistant. */
    public static final String SUBMITTER = "countersign-submitter";
    /** Another Countersign service calling an internal endpoint. */
    public static final String SERVICE = "countersign-service";

    private Roles() {
    }
}
