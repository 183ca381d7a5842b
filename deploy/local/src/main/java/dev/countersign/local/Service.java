package dev.countersign.local;

import java.util.Arrays;
import java.util.Locale;

/**
 * The five Countersign services as the local run knows them: the Maven module that packages each, the short
 * name its database is named after, and its default local port (DESIGN §1).
 */
public enum Service {
    ACTION_REGISTRY("action-registry", "registry", 8081),
    PROPOSAL_SERVICE("proposal-service", "proposal", 8082),
    APPROVAL_SERVICE("approval-service", "approval", 8083),
    EXECUTOR_SERVICE("executor-service", "executor", 8084),
    AUDIT_SERVICE("audit-service", "audit", 8085);

    private final String module;
    private final String shortName;
    private final int defaultPort;

    Service(String module, String shortName, int defaultPort) {
        this.module = module;
        this.shortName = shortName;
        this.defaultPort = defaultPort;
    }

    /** The Maven module directory, also the name used in logs and on the command line. */
    public String module() {
        return module;
    }

    /** The suffix of the service's database name, e.g. {@code registry} for {@code countersign_registry}. */
    public String shortName() {
        return shortName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Accepts the module name ({@code executor-service}), the short name ({@code executor}) or the enum name. */
    public static Service parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.module.equals(n) || s.shortName.equals(n) || s.name().equalsIgnoreCase(n))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'; one of "
                        + Arrays.stream(values()).map(Service::module).toList()));
    }

    @Override
    public String toString() {
        return module;
    }
}
