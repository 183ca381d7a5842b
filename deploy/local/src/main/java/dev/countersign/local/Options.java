package dev.countersign.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code run-local.sh} / {@code java -jar countersign-local.jar}. Every option can also be
 * given as an environment variable (the option wins).
 */
record Options(Path repo, Path workDir, Integer kafkaPort, Integer embeddedPostgresPort, Integer servicePortBase,
        String dbUrl, String dbUser, String dbPassword, List<Service> services, boolean help) {

    static final String USAGE = """
            Usage: ./run-local.sh [--no-build] [options]
                   java -jar deploy/local/target/countersign-local.jar [options]

            Starts Kafka, PostgreSQL and the Countersign services on this machine; Ctrl-C stops everything.
            Each option can also be set with the environment variable named after it.

              --db-url URL       an existing PostgreSQL, e.g. postgresql://127.0.0.1:5432  [COUNTERSIGN_DB_URL]
                                 (default: an embedded PostgreSQL, data in the work directory)
              --db-user USER     its user (default postgres)                            [COUNTERSIGN_DB_USER]
              --db-password PW   its password (default none)                        [COUNTERSIGN_DB_PASSWORD]
              --pg-port N        the embedded PostgreSQL's port (default 5433)          [COUNTERSIGN_PG_PORT]
              --kafka-port N     Kafka's port (default 9092; its controller N+1000)  [COUNTERSIGN_KAFKA_PORT]
              --port-base N      first service port (default 8081: registry, proposal,
                                 approval, executor, audit in that order)             [COUNTERSIGN_PORT_BASE]
              --services A,B     only these, e.g. action-registry,executor-service;
                                 none: just Kafka, PostgreSQL and tokens              [COUNTERSIGN_SERVICES]
              --work-dir DIR     keys, data, logs, tokens (default <repo>/.local)     [COUNTERSIGN_LOCAL_DIR]
              --repo DIR         the repository root (default: found from this jar)
              --no-build         (run-local.sh) skip ./mvnw install
              --help             this text
            """;


    static Options parse(String[] args, Map<String, String> env) {
        Path repo = null;
        String workDir = env.get("COUNTERSIGN_LOCAL_DIR");
        String kafkaPort = env.get("COUNTERSIGN_KAFKA_PORT");
        String pgPort = env.get("COUNTERSIGN_PG_PORT");
        String portBase = env.get("COUNTERSIGN_PORT_BASE");
        String dbUrl = env.get("COUNTERSIGN_DB_URL");
        String dbUser = env.get("COUNTERSIGN_DB_USER");
        String dbPassword = env.get("COUNTERSIGN_DB_PASSWORD");
        String services = env.get("COUNTERSIGN_SERVICES");
        boolean help = false;
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                // run-local.sh consumes it; tolerated here so the jar can be called with the same arguments
                case "--no-build" -> { }
                case "--repo" -> repo = Path.of(value != null ? value : valueAt(rest, ++i, name));
                case "--work-dir" -> workDir = value != null ? value : valueAt(rest, ++i, name);
                case "--kafka-port" -> kafkaPort = value != null ? value : valueAt(rest, ++i, name);
                case "--pg-port" -> pgPort = value != null ? value : valueAt(rest, ++i, name);
                case "--port-base" -> portBase = value != null ? value : valueAt(rest, ++i, name);
                case "--db-url" -> dbUrl = value != null ? value : valueAt(rest, ++i, name);
                case "--db-user" -> dbUser = value != null ? value : valueAt(rest, ++i, name);
                case "--db-password" -> dbPassword = value != null ? value : valueAt(rest, ++i, name);
                case "--services" -> services = value != null ? value : valueAt(rest, ++i, name);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        List<Service> selected = blank(services) ? List.of(Service.values())
                : services.trim().equals("none") ? List.of()
                : Arrays.stream(services.split(",")).filter(s -> !s.isBlank()).map(Service::parse).distinct().toList();
        return new Options(repo, blank(workDir) ? null : Path.of(workDir), port(kafkaPort, "Kafka port"),
                port(pgPort, "PostgreSQL port"), port(portBase, "port base"), blank(dbUrl) ? null : dbUrl,
                blank(dbUser) ? null : dbUser, dbPassword, selected, help);
    }

    /** The stack these options describe. */
    LocalStack.Builder toBuilder() {
        LocalStack.Builder b = LocalStack.builder().services(services);
        if (repo != null) {
            b.repo(repo);
        }
        if (workDir != null) {
            b.workDir(workDir);
        }
        if (kafkaPort != null) {
            b.kafkaPort(kafkaPort);
        }
        if (embeddedPostgresPort != null) {
            b.embeddedPostgresPort(embeddedPostgresPort);
        }
        if (servicePortBase != null) {
            b.servicePortBase(servicePortBase);
        }
        if (dbUrl != null) {
            b.database(DatabaseServer.parse(dbUrl, dbUser, dbPassword));
        }
        return b;
    }

    private static String valueAt(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private static Integer port(String value, String what) {
        if (blank(value)) {
            return null;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a port number: " + value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
