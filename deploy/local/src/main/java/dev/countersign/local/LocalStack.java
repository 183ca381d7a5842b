package dev.countersign.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything Countersign needs on one machine, started and stopped as a unit: a Kafka broker, PostgreSQL
 * (embedded, or a server you name) with one database per service, signing keys and tokens, and the packaged
 * services as child processes. {@link Main} uses it for {@code run-local.sh}; the end-to-end tests use it to
 * crash and restart individual services.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(10);
    /**
     * Services with a second, internal listener (the Quarkus management interface): /q/health, /q/metrics and
     * their /internal endpoints are served there, never on the public port. The registry's holds the secrets call.
     */
    private static final Set<Service> INTERNAL_LISTENER = EnumSet.of(Service.ACTION_REGISTRY);
    /**
     * Services that read the shared inbound topics ({@code countersign.proposals}, {@code countersign.decisions}):
     * the local run trusts them ({@code countersign.inbound.trust-shared-topics=true}).
     */
    public static final Set<Service> TRUSTS_SHARED_INBOUND_TOPICS = Collections.unmodifiableSet(
            EnumSet.of(Service.PROPOSAL_SERVICE, Service.APPROVAL_SERVICE));
    /** The shared inbound topics (DESIGN §2); each tenant has its own {@code <topic>.<tenant>}. */
    private static final List<String> INBOUND_STREAMS = List.of("countersign.proposals", "countersign.decisions");
    /** The internal listener's default port is the service's port plus this (the registry: 8081 and 9081). */
    private static final int INTERNAL_PORT_OFFSET = 1000;

    private final Builder config;
    private final Map<Service, ChildProcess> processes = Collections.synchronizedMap(new EnumMap<>(Service.class));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final PrintStream out;
    /** Guards the lifecycle fields below, so that stop() (e.g. from a shutdown hook) can run during start(). */
    private final Object lock = new Object();
    private final Set<Service> deliberatelyStopped = EnumSet.noneOf(Service.class);
    private KafkaNode kafka;
    private EmbeddedDatabase embedded;
    private boolean started;
    private volatile boolean stopping;
    private DatabaseServer database;
    private LocalJwt jwt;
    private Tokens tokens;
    private Duration kafkaStartup = Duration.ZERO;
    private Duration stackStartup = Duration.ZERO;

    private LocalStack(Builder config) {
        this.config = config;
        this.out = config.out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the broker, the database and every selected service, and returns once all of them answer
     * {@code /q/health/ready} (on the internal listener of a service that has one). On failure everything started so far is stopped again and a
     * {@link LocalStackException} names the log to read.
     */
    public LocalStack start() {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(logsDir());
            requireJars(config.services);
            killLeftovers();
            requirePortsFree();
            jwt = LocalJwt.loadOrCreate(config.workDir.resolve("jwt"));
            tokens = jwt.issue(config.tenant, config.tokenValidity);

            long kafkaT0 = System.nanoTime();
            KafkaNode node = new KafkaNode(new KafkaConfig(config.kafkaPort, controllerPort(),
                    kafkaDir().resolve("data")), kafkaDir(), logsDir().resolve("kafka.log"),
                    kafkaDir().resolve("kafka.pid"), kafkaClasspath());
            synchronized (lock) {
                kafka = node;
            }
            progress("starting Kafka on " + kafkaBootstrapServers() + " (log: " + logsDir().resolve("kafka.log") + ")");
            node.start();
            checkNotStopping();

            if (config.database == null) {
                progress("starting embedded PostgreSQL on 127.0.0.1:" + config.embeddedPostgresPort
                        + " (data: " + config.workDir.resolve("pg") + ")");
                EmbeddedDatabase db;
                try {
                    db = EmbeddedDatabase.start(config.workDir.resolve("pg"), config.workDir.resolve("pg-binaries"),
                            config.embeddedPostgresPort, logsDir().resolve("postgres.log"));
                } catch (IOException | RuntimeException e) {
                    throw new LocalStackException("the embedded PostgreSQL did not start (" + e.getMessage() + "); see "
                            + logsDir().resolve("postgres.log") + ", or use your own with --db-url", e);
                }
                synchronized (lock) {
                    embedded = db;
                }
                checkNotStopping();
                database = db.server();
            } else {
                database = config.database;
            }
            createDatabases();

            node.awaitReady(config.kafkaReadyTimeout);
            kafkaStartup = Duration.ofNanos(System.nanoTime() - kafkaT0);
            progress("Kafka ready after " + seconds(kafkaStartup));
            checkNotStopping();
            List<String> created = node.createMissingTopics(inboundTopics());
            if (!created.isEmpty()) {
                progress("created the inbound topics " + created);
            }

            tokens.writeEnvFile(tokensFile(), addresses());
            if (config.services.stream().anyMatch(TRUSTS_SHARED_INBOUND_TOPICS::contains)) {
                progress("trusting the shared inbound topics countersign.proposals and countersign.decisions"
                        + " (local run only: a record's own tenant is taken as given)");
            }

            for (Service s : config.services) {
                launch(s, false);
            }
            if (!config.services.isEmpty()) {
                progress("starting " + config.services + " (logs: " + logsDir() + ")");
            }
            awaitReady(config.services);
            stackStartup = Duration.ofNanos(System.nanoTime() - t0);
            return this;
        } catch (RuntimeException | IOException | SQLException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // also cleans up whatever was launched while a concurrent stop() was already running
            stop();
            throw e instanceof LocalStackException l ? l : new LocalStackException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Whether {@link #stop()} has been called (e.g. by Ctrl-C while starting). */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Stops the services (SIGTERM, then SIGKILL after 10 s), then Kafka, then the embedded PostgreSQL. Safe to
     * call more than once, concurrently with {@link #start()} (which then gives up) and from a shutdown hook.
     */
    public void stop() {
        List<ChildProcess> running;
        KafkaNode node;
        EmbeddedDatabase db;
        boolean first;
        synchronized (lock) {
            first = !stopping;
            stopping = true;
            running = new ArrayList<>(processes.values());
            node = kafka;
            db = embedded;
        }
        // every stop here is idempotent, so a second stop() only catches what was launched after the first
        List<ChildProcess> alive = running.stream().filter(ChildProcess::isAlive).toList();
        if (!alive.isEmpty() && first) {
            progress("stopping " + alive.stream().map(ChildProcess::name).toList());
        }
        alive.forEach(ChildProcess::requestStop);
        running.forEach(p -> p.awaitStop(SERVICE_STOP_GRACE));
        if (node != null) {
            if (node.process().isAlive() && first) {
                progress("stopping Kafka");
            }
            node.stop();
        }
        if (db != null) {
            if (first) {
                progress("stopping PostgreSQL");
            }
            db.close();
        }
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new LocalStackException("stopped while starting");
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Kills {@code service} with SIGKILL, as a crash would: no shutdown hook, no graceful close. */
    public void kill9(Service service) {
        ChildProcess p = requireProcess(service);
        synchronized (lock) {
            deliberatelyStopped.add(service);
        }
        p.kill();
    }

    /** Stops {@code service} gracefully (SIGTERM; SIGKILL after 10 s). */
    public void stop(Service service) {
        ChildProcess p = requireProcess(service);
        synchronized (lock) {
            deliberatelyStopped.add(service);
        }
        p.stop(SERVICE_STOP_GRACE);
    }

    /** Starts {@code service} again (or for the first time) and waits until it is ready. */
    public void start(Service service) {
        if (tokens == null || database == null) {
            throw new IllegalStateException("start the stack first");
        }
        requireJars(List.of(service));
        try {
            synchronized (lock) {
                deliberatelyStopped.remove(service);
            }
            launch(service, processes.containsKey(service));
            awaitReady(List.of(service));
        } catch (IOException e) {
            throw new LocalStackException("could not start " + service + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalStackException("interrupted while starting " + service, e);
        }
    }

    /** Graceful stop, then start. */
    public void restart(Service service) {
        stop(service);
        start(service);
    }

    /** Whether the service's process is running. */
    public boolean isRunning(Service service) {
        ChildProcess p = processes.get(service);
        return p != null && p.isAlive();
    }

    /** The process id of the service, e.g. to check it is gone after {@link #kill9}. */
    public long pid(Service service) {
        return requireProcess(service).process().pid();
    }

    public String url(Service service) {
        return "http://127.0.0.1:" + port(service);
    }

    public int port(Service service) {
        return config.port(service);
    }

    /**
     * The approval service's address in the links and pages it hands out ({@code countersign.approval.public-url}):
     * {@code localhost} rather than 127.0.0.1, since browsers treat it as a secure context (the inbox's sign-in
     * cookie is {@code Secure}).
     */
    public String approvalPublicUrl() {
        return "http://localhost:" + port(Service.APPROVAL_SERVICE);
    }

    /** Whether {@code service} has an internal listener besides its public port. */
    public boolean hasInternalListener(Service service) {
        return INTERNAL_LISTENER.contains(service);
    }

    /** The port of the internal listener (/q/health, /q/metrics, /internal); the public port when there is none. */
    public int internalPort(Service service) {
        return hasInternalListener(service) ? config.internalPort(service) : port(service);
    }

    /**
     * Where the service answers /q/health and its /internal endpoints: its internal listener when it has one
     * (the registry, e.g. {@code http://127.0.0.1:9081}), its public URL otherwise.
     */
    public String internalUrl(Service service) {
        return "http://127.0.0.1:" + internalPort(service);
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + config.kafkaPort;
    }

    /** The PostgreSQL server the services use. */
    public DatabaseServer database() {
        return database;
    }

    public boolean embeddedDatabase() {
        return config.database == null;
    }

    public String databaseName(Service service) {
        return config.databasePrefix + service.shortName();
    }

    public Tokens tokens() {
        return tokens;
    }

    public LocalJwt jwt() {
        return jwt;
    }

    public Path workDir() {
        return config.workDir;
    }

    public Path logFile(Service service) {
        return logsDir().resolve(service.module() + ".log");
    }

    public Path logsDir() {
        return config.workDir.resolve("logs");
    }

    /**
     * The inbound topics, shared and the tenant's own ({@code countersign.proposals.acme}, ...), created before
     * the services start: a consumer subscribed by pattern sees a topic that exists when it subscribes at once,
     * and one created later only at its next metadata refresh (up to minutes).
     */
    public List<String> inboundTopics() {
        List<String> topics = new ArrayList<>();
        for (String stream : INBOUND_STREAMS) {
            topics.add(stream);
            topics.add(stream + "." + config.tenant);
        }
        return topics;
    }

    /** Where the generated keys live: the JWT key pair, the registry's master key, the approval links secret. */
    Path secretsDir() {
        return jwt.publicKeyFile().toAbsolutePath().getParent();
    }

    public Path tokensFile() {
        return config.workDir.resolve("tokens.env");
    }

    public Set<Service> services() {
        return config.services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(config.services);
    }

    /** How long the broker took from launch to answering (for the startup summary). */
    public Duration kafkaStartup() {
        return kafkaStartup;
    }

    /** How long {@link #start()} took in all. */
    public Duration stackStartup() {
        return stackStartup;
    }

    /** The environment a service process gets, on top of this process's own. */
    Map<String, String> environment(Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        String db = databaseName(s);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port(s)));
        // like the broker and the database: reachable from this machine only (the tokens are printed in clear)
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        if (hasInternalListener(s)) {
            // health, metrics and /internal: a port of their own, also reachable from this machine only
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(internalPort(s)));
            env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl(db));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(db));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        if (!database.password().isEmpty()) {
            env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", jwt.publicKeyFile().toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_ISSUER", LocalJwt.ISSUER);
        // webhook receivers of a local run are on this machine, over plain HTTP; production refuses both
        env.put("COUNTERSIGN_EGRESS_ALLOW_PLAIN_HTTP", "true");
        env.put("COUNTERSIGN_EGRESS_ALLOW_CIDRS", "127.0.0.1/32");
        if (s == Service.EXECUTOR_SERVICE) {
            // the service credential reads signing secrets: only the one service that needs it gets it
            // the registry's secrets endpoint is served on its internal listener only; on this machine it is plain
            // http on the loopback, which the executor refuses unless told (production requires https)
            env.put("COUNTERSIGN_REGISTRY_URL", internalUrl(Service.ACTION_REGISTRY));
            env.put("COUNTERSIGN_REGISTRY_ALLOW_PLAIN_HTTP", "true");
            env.put("COUNTERSIGN_REGISTRY_TOKEN", tokens.service());
        }
        if (s == Service.ACTION_REGISTRY) {
            env.put("COUNTERSIGN_REGISTRY_MASTER_KEYS", LocalSecrets.registryMasterKeys(secretsDir()));
        }
        if (TRUSTS_SHARED_INBOUND_TOPICS.contains(s)) {
            // one machine, one tenant, no ACLs: the shared countersign.proposals / countersign.decisions are
            // honoured with the data's tenant (DESIGN §2); production leaves this off and uses .<tenant> topics
            env.put("COUNTERSIGN_INBOUND_TRUST_SHARED_TOPICS", "true");
        }
        if (s == Service.APPROVAL_SERVICE) {
            // kept in the work dir, so one-time links sent before a restart still work after it
            env.put("COUNTERSIGN_APPROVAL_LINKS_SECRET", LocalSecrets.approvalLinksSecret(secretsDir()));
            env.put("COUNTERSIGN_APPROVAL_PUBLIC_URL", approvalPublicUrl());
        }
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        env.putAll(config.env);
        env.putAll(config.serviceEnv.getOrDefault(s, Map.of()));
        return env;
    }

    private void launch(Service s, boolean again) throws IOException {
        Path jar = jar(s);
        List<String> jvm = new ArrayList<>(config.serviceJvmArgs);
        jvm.addAll(config.serviceJvmExtra.getOrDefault(s, List.of()));
        jvm.add("-jar");
        jvm.add(jar.toString());
        ChildProcess child = new ChildProcess(s.module(), ChildProcess.javaCommand(jvm, List.of()), environment(s),
                logFile(s), pidFile(s));
        synchronized (lock) {
            if (stopping) {
                throw new LocalStackException("the stack is stopping");
            }
            ChildProcess previous = processes.get(s);
            if (previous != null && previous.isAlive()) {
                throw new IllegalStateException(s + " is running; stop or kill it first");
            }
            processes.put(s, child);
        }
        Process p = child.start(again);
        p.onExit().thenAccept(exited -> {
            boolean expected;
            synchronized (lock) {
                expected = stopping || deliberatelyStopped.contains(s) || processes.get(s) != child;
            }
            if (!expected) {
                out.println("countersign-local: " + s + " exited unexpectedly (code " + exited.exitValue()
                        + "); see " + logFile(s));
            }
        });
    }

    private void awaitReady(Collection<Service> services) throws InterruptedException {
        long deadline = System.nanoTime() + config.serviceReadyTimeout.toNanos();
        Set<Service> pending = EnumSet.copyOf(services);
        while (!pending.isEmpty()) {
            checkNotStopping();
            for (var it = pending.iterator(); it.hasNext(); ) {
                Service s = it.next();
                ChildProcess p = processes.get(s);
                if (!p.isAlive()) {
                    throw new LocalStackException(s + " exited during startup (code " + p.process().exitValue()
                            + "); see " + logFile(s) + "\n" + p.tail(25));
                }
                if (ready(s)) {
                    it.remove();
                }
            }
            if (pending.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                Service s = pending.iterator().next();
                throw new LocalStackException(pending + " not ready within " + config.serviceReadyTimeout.toSeconds()
                        + " s (GET " + internalUrl(s) + "/q/health/ready); see " + logFile(s) + "\n"
                        + processes.get(s).tail(25));
            }
            Thread.sleep(500);
        }
    }

    private boolean ready(Service s) {
        try {
            var request = HttpRequest.newBuilder(URI.create(internalUrl(s) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void createDatabases() throws SQLException {
        for (Service s : Service.values()) {
            try {
                if (database.createDatabaseIfMissing(databaseName(s))) {
                    progress("created database " + databaseName(s));
                }
            } catch (SQLException e) {
                throw new LocalStackException("PostgreSQL at " + database + " refused: " + e.getMessage()
                        + (embedded != null ? "; see " + logsDir().resolve("postgres.log") : ""), e);
            }
        }
    }

    private void requireJars(Collection<Service> services) {
        List<String> missing = services.stream().map(this::jar).filter(j -> !Files.isRegularFile(j))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new LocalStackException("service jar(s) missing: " + String.join(", ", missing)
                    + "\nrun ./mvnw -B install -DskipTests first (or ./run-local.sh without --no-build)");
        }
    }

    private void killLeftovers() {
        for (Service s : config.services) {
            ChildProcess.killLeftover(pidFile(s), jar(s).toString());
        }
        ChildProcess.killLeftover(kafkaDir().resolve("kafka.pid"), kafkaDir().resolve("server.properties").toString());
        if (config.database == null) {
            // PostgreSQL's own pid file: its first line is the postmaster's pid
            Path pg = config.workDir.resolve("pg");
            ChildProcess.killLeftover(pg.resolve("postmaster.pid"), "-D " + pg);
        }
    }

    private void requirePortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("Kafka", config.kafkaPort);
        ports.put("the Kafka controller", controllerPort());
        if (config.database == null) {
            ports.put("embedded PostgreSQL", config.embeddedPostgresPort);
        }
        config.services.forEach(s -> ports.put(s.module(), port(s)));
        config.services.stream().filter(this::hasInternalListener)
                .forEach(s -> ports.put(s.module() + " (internal listener)", internalPort(s)));
        Map<Integer, String> claimed = new LinkedHashMap<>();
        ports.forEach((what, port) -> {
            String other = claimed.putIfAbsent(port, what);
            if (other != null) {
                throw new LocalStackException("port " + port + " is configured for both " + other + " and " + what);
            }
        });
        ports.forEach((what, port) -> {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new LocalStackException("port " + port + " for " + what + " is in use (is another local stack"
                        + " running? stop it, or choose other ports)");
            }
        });
    }

    private Map<String, String> addresses() {
        Map<String, String> vars = new LinkedHashMap<>();
        for (Service s : Service.values()) {
            vars.put(s.shortName().toUpperCase() + "_URL", url(s));
            if (hasInternalListener(s)) {
                vars.put(s.shortName().toUpperCase() + "_INTERNAL_URL", internalUrl(s));
            }
        }
        vars.put("INBOX_URL", approvalPublicUrl() + "/");
        vars.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        return vars;
    }

    private ChildProcess requireProcess(Service service) {
        ChildProcess p = processes.get(service);
        if (p == null) {
            throw new IllegalStateException(service + " was never started");
        }
        return p;
    }

    private String kafkaClasspath() {
        return config.kafkaClasspath != null ? config.kafkaClasspath : Classpath.current();
    }

    private int controllerPort() {
        return config.kafkaControllerPort > 0 ? config.kafkaControllerPort : config.kafkaPort + 1000;
    }

    private Path jar(Service s) {
        return config.repo.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path pidFile(Service s) {
        return config.workDir.resolve("pids").resolve(s.module() + ".pid");
    }

    private Path kafkaDir() {
        return config.workDir.resolve("kafka");
    }

    private void progress(String message) {
        if (config.verbose) {
            out.println("countersign-local: " + message);
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Settings of a {@link LocalStack}; every one has a default fit for {@code run-local.sh}. */
    public static final class Builder {
        private Path repo;
        private Path workDir;
        private int kafkaPort = 9092;
        private int kafkaControllerPort;
        private int embeddedPostgresPort = 5433;
        private DatabaseServer database;
        private String databasePrefix = "countersign_";
        private Set<Service> services = EnumSet.allOf(Service.class);
        private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
        private final Map<Service, Integer> internalPorts = new EnumMap<>(Service.class);
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<Service, Map<String, String>> serviceEnv = new EnumMap<>(Service.class);
        private final Map<Service, List<String>> serviceJvmExtra = new EnumMap<>(Service.class);
        private List<String> serviceJvmArgs = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private Duration serviceReadyTimeout = Duration.ofSeconds(90);
        private Duration kafkaReadyTimeout = Duration.ofSeconds(90);
        private Duration tokenValidity = Duration.ofDays(365);
        private String tenant = "acme";
        private String kafkaClasspath;
        private boolean verbose = true;
        private PrintStream out = System.out;

        private Builder() {
        }

        /** The repository root, where {@code <module>/target/quarkus-app/quarkus-run.jar} are found. */
        public Builder repo(Path repo) {
            this.repo = repo.toAbsolutePath().normalize();
            return this;
        }

        /** Where keys, data, logs and pid files go (default {@code <repo>/.local}). */
        public Builder workDir(Path workDir) {
            this.workDir = workDir.toAbsolutePath().normalize();
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        /** The KRaft controller listener (default: the Kafka port + 1000). */
        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder embeddedPostgresPort(int port) {
            this.embeddedPostgresPort = port;
            return this;
        }

        /** Use this PostgreSQL server instead of starting an embedded one. */
        public Builder database(DatabaseServer database) {
            this.database = database;
            return this;
        }

        /** Databases are named {@code <prefix><short name>}, e.g. {@code countersign_registry}. */
        public Builder databasePrefix(String prefix) {
            DatabaseServer.requireSafeName(prefix + "x");
            this.databasePrefix = prefix;
            return this;
        }

        /** Which services to run (default all five; none gives just Kafka, PostgreSQL and tokens). */
        public Builder services(Collection<Service> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services);
            return this;
        }

        public Builder port(Service service, int port) {
            ports.put(service, port);
            return this;
        }

        /**
         * The port of the service's internal listener (/q/health, /q/metrics, /internal), for a service that has
         * one (the registry); default: its public port + 1000.
         */
        public Builder internalPort(Service service, int port) {
            internalPorts.put(service, port);
            return this;
        }

        /** Ports {@code base}, {@code base+1}, ... in the order registry, proposal, approval, executor, audit. */
        public Builder servicePortBase(int base) {
            for (Service s : Service.values()) {
                ports.put(s, base + s.ordinal());
            }
            return this;
        }

        /** An extra environment variable for every service. */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /** An extra environment variable for one service (wins over {@link #env}). */
        public Builder env(Service service, String name, String value) {
            serviceEnv.computeIfAbsent(service, s -> new LinkedHashMap<>()).put(name, value);
            return this;
        }

        /** An extra JVM argument for one service, e.g. {@code -Dsome.config=value}. */
        public Builder jvmArg(Service service, String arg) {
            serviceJvmExtra.computeIfAbsent(service, s -> new ArrayList<>()).add(arg);
            return this;
        }

        /** The JVM arguments of every service (default: a 256 MB heap, serial GC, C1 only: quick starts). */
        public Builder serviceJvmArgs(List<String> args) {
            this.serviceJvmArgs = List.copyOf(args);
            return this;
        }

        public Builder serviceReadyTimeout(Duration timeout) {
            this.serviceReadyTimeout = timeout;
            return this;
        }

        public Builder kafkaReadyTimeout(Duration timeout) {
            this.kafkaReadyTimeout = timeout;
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = tenant;
            return this;
        }

        public Builder tokenValidity(Duration validity) {
            this.tokenValidity = validity;
            return this;
        }

        /** The class path the Kafka JVM runs with (default: this JVM's, which holds the broker's classes). */
        public Builder kafkaClasspath(String classpath) {
            this.kafkaClasspath = classpath;
            return this;
        }

        /** Progress lines on {@code out} (default on, to standard output). */
        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        int port(Service s) {
            return ports.getOrDefault(s, s.defaultPort());
        }

        int internalPort(Service s) {
            return internalPorts.getOrDefault(s, port(s) + INTERNAL_PORT_OFFSET);
        }

        /** Builds the stack (nothing is started yet). */
        public LocalStack build() {
            if (repo == null) {
                repo = detectRepo();
            }
            if (workDir == null) {
                workDir = repo.resolve(".local");
            }
            return new LocalStack(this);
        }

        /** Starts it: {@code build().start()}. */
        public LocalStack start() {
            return build().start();
        }
    }

    /**
     * The repository root: the nearest directory above this program's jar (or classes) or the working
     * directory that has {@code deploy/local/pom.xml}.
     */
    static Path detectRepo() {
        List<Path> starts = new ArrayList<>();
        try {
            var location = LocalStack.class.getProtectionDomain().getCodeSource().getLocation();
            starts.add(Path.of(location.toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // no code source: fall back to the working directory
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("deploy/local/pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
        }
        throw new LocalStackException("cannot find the Countersign repository (a directory with deploy/local/pom.xml)"
                + " above " + starts + "; pass --repo");
    }
}
