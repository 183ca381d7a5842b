package dev.countersign.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bearer tokens the local run hands out: a tenant admin, an approver, a plain end user, a proposal submitter
 * (the chatbot backend), an auditor (all of one tenant) and the service credential the executor uses to read
 * signing secrets from the registry.
 */
public record Tokens(String tenant, String admin, String approver, String user, String submitter, String auditor,
        String service) {
    public static final String ADMIN_GROUP = "countersign-admin";
    public static final String APPROVER_GROUP = "approver";
    public static final String SUBMITTER_GROUP = "countersign-submitter";
    public static final String AUDITOR_GROUP = "countersign-auditor";
    public static final String SERVICE_GROUP = "countersign-service";

    /**
     * As shell variables: {@code ADMIN_TOKEN}, {@code APPROVER_TOKEN}, {@code USER_TOKEN}, {@code SUBMITTER_TOKEN},
     * {@code AUDITOR_TOKEN}, {@code SERVICE_TOKEN}.
     */
    public Map<String, String> asVariables() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("ADMIN_TOKEN", admin);
        vars.put("APPROVER_TOKEN", approver);
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
                .append("' (admin, approver, end user, submitter, auditor, service) and addresses.\n")
                .append("# Use: source ").append(file.getFileName()).append("; curl -H \"Authorization: Bearer $ADMIN_TOKEN\" ...\n");
        asVariables().forEach((k, v) -> out.append("export ").append(k).append('=').append(v).append('\n'));
        extra.forEach((k, v) -> out.append("export ").append(k).append("='").append(v.replace("'", "'\\''"))
                .append("'\n"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
    }
}
