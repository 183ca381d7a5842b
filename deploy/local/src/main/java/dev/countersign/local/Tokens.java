package dev.countersign.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bearer tokens the local run hands out: a tenant admin, an approver, a finance approver (for approval rules
 * that route to {@code role:finance}), a plain end user, a proposal submitter (the chatbot backend), an auditor
 * (all of one tenant, each with a subject of its own, so none of them is another's "self" under
 * {@code forbid_self_approval}) and the service credential the executor uses to read signing secrets from the
 * registry.
 */
public record Tokens(String tenant, String admin, String approver, String finance, String user, String submitter,
        String auditor, String service) {
    public static final String ADMIN_GROUP = "countersign-admin";
    public static final String APPROVER_GROUP = "approver";
    /** A policy role name (DESIGN §4b {@code role:<name>}), not a Countersign role. */
    public static final String FINANCE_GROUP = "finance";
    public static final String SUBMITTER_GROUP = "countersign-submitter";
    public static final String AUDITOR_GROUP = "countersign-auditor";
    public static final String SERVICE_GROUP = "countersign-service";

    /** The subject of {@link #admin()}. */
    public static String adminSubject(String tenant) {
        return "admin@" + tenant;
    }

    /** The subject of {@link #approver()}: the actor its decisions are recorded under. */
    public static String approverSubject(String tenant) {
        return "approver@" + tenant;
    }

    /** The subject of {@link #finance()}. */
    public static String financeSubject(String tenant) {
        return "finance@" + tenant;
    }

    /**
     * The subject of {@link #user()}: a proposal whose {@code user.id} is this is the one an {@code end_user}
     * approver decides with the USER token.
     */
    public static String userSubject(String tenant) {
        return "user@" + tenant;
    }

    /** The subject of {@link #submitter()}: a proposal's {@code submitted_by} when it came over HTTP with it. */
    public static String submitterSubject(String tenant) {
        return "chatbot@" + tenant;
    }

    /** The subject of {@link #auditor()}. */
    public static String auditorSubject(String tenant) {
        return "auditor@" + tenant;
    }

    /**
     * As shell variables: {@code ADMIN_TOKEN}, {@code APPROVER_TOKEN}, {@code FINANCE_TOKEN}, {@code USER_TOKEN},
     * {@code SUBMITTER_TOKEN}, {@code AUDITOR_TOKEN}, {@code SERVICE_TOKEN}.
     */
    public Map<String, String> asVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ADMIN_TOKEN", admin);
        vars.put("APPROVER_TOKEN", approver);
        vars.put("FINANCE_TOKEN", finance);
        vars.put("USER_TOKEN", user);
        vars.put("SUBMITTER_TOKEN", submitter);
        vars.put("AUDITOR_TOKEN", auditor);
        vars.put("SERVICE_TOKEN", service);
        return vars;
    }

    /** Writes {@code export NAME=value} lines (tokens and then {@code extra}) for {@code source}-ing in a shell. */
    public void writeEnvFile(Path file, Map<String, String> extra) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Countersign local run: tokens for tenant '").append(tenant)
                .append("' (admin, approver, finance approver, end user, submitter,\n")
                .append("# auditor, service) and addresses.\n")
                .append("# Use: source ").append(file.getFileName()).append("; curl -H \"Authorization: Bearer $ADMIN_TOKEN\" ...\n");
        asVariables().forEach((k, v) -> out.append("export ").append(k).append('=').append(v).append('\n'));
        extra.forEach((k, v) -> out.append("export ").append(k).append("='").append(v.replace("'", "'\\''"))
                .append("'\n"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
    }
}
