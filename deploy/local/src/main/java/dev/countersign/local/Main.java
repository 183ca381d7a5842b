package dev.countersign.local;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar countersign-local.jar}: starts the local stack, prints where everything is, and keeps it
 * running until Ctrl-C, which stops the services, then Kafka, then the embedded PostgreSQL.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("countersign-local: " + e.getMessage() + "\n\n" + Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(Options.USAGE);
            return;
        }
        LocalStack stack;
        try {
            stack = options.toBuilder().build();
        } catch (RuntimeException e) {
            System.err.println("countersign-local: " + e.getMessage());
            System.exit(1);
            return;
        }

        Thread main = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\ncountersign-local: stopping...");
            stack.stop();
            stopped.countDown();
            // if Ctrl-C came during startup, let start() clean up what it launched meanwhile
            try {
                main.join(20_000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            System.out.println("countersign-local: stopped.");
        }, "countersign-local-stop"));

        try {
            stack.start();
        } catch (LocalStackException e) {
            if (stack.stopping() && e.getMessage().startsWith("stopped")) {
                return; // Ctrl-C while starting: the hook is cleaning up
            }
            System.err.println("\ncountersign-local: FAILED: " + e.getMessage());
            System.exit(1);
            return;
        }
        printSummary(stack);
        try {
            // the main thread only waits; the shutdown hook does the stopping
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void printSummary(LocalStack stack) {
        StringBuilder out = new StringBuilder();
        out.append("\nCountersign is running (Kafka ready in ").append(LocalStack.seconds(stack.kafkaStartup()))
                .append(", everything in ").append(LocalStack.seconds(stack.stackStartup())).append(")\n\n");
        out.append(String.format("  %-18s %-24s %s%n", "service", "URL", "OpenAPI"));
        for (Service s : stack.services()) {
            out.append(String.format("  %-18s %-24s %s%n", s.module(), stack.url(s), stack.url(s) + "/q/openapi"));
        }
        out.append('\n');
        out.append(String.format("  %-18s %s%n", "Kafka", stack.kafkaBootstrapServers()));
        out.append(String.format("  %-18s %s, databases %s<service>%s%n", "PostgreSQL", stack.database(),
                stack.databaseName(Service.ACTION_REGISTRY).replace("registry", ""),
                stack.embeddedDatabase() ? " (embedded; data in " + relative(stack.workDir().resolve("pg")) + ")" : ""));
        if (stack.services().contains(Service.APPROVAL_SERVICE)) {
            out.append(String.format("  %-18s %s   (sign in with APPROVER_TOKEN or FINANCE_TOKEN)%n", "Approval inbox",
                    stack.approvalPublicUrl() + "/"));
        }
        out.append(String.format("  %-18s %s%n", "Logs", relative(stack.logsDir())));
        out.append(String.format("  %-18s %s   (source it for the variables below)%n", "Tokens",
                relative(stack.tokensFile())));
        out.append("\nTokens for tenant '").append(stack.tokens().tenant()).append("' (valid for a year):\n");
        stack.tokens().asVariables().forEach((k, v) -> out.append("  ").append(k).append('=').append(v).append('\n'));
        String tenant = stack.tokens().tenant();
        out.append("  (subjects: APPROVER ").append(Tokens.approverSubject(tenant)).append(" in group ")
                .append(Tokens.APPROVER_GROUP).append(", FINANCE ").append(Tokens.financeSubject(tenant))
                .append(" in group ").append(Tokens.FINANCE_GROUP).append(", USER ").append(Tokens.userSubject(tenant))
                .append(" -- the end user when a proposal's user.id is ").append(Tokens.userSubject(tenant))
                .append(")\n");
        out.append('\n').append(trustNote()).append('\n');
        out.append("\nTry: source ").append(relative(stack.tokensFile()))
                .append(" && curl -s -H \"Authorization: Bearer $ADMIN_TOKEN\" ")
                .append(stack.url(Service.ACTION_REGISTRY)).append("/v1/actions\n");
        out.append("\nCtrl-C to stop.\n");
        System.out.print(out);
        System.out.flush();
    }

    /** Says which shared inbound topics this run trusts, so nobody mistakes the local setting for production's. */
    static String trustNote() {
        return "Inbound topics: the shared countersign.proposals and countersign.decisions are TRUSTED in this local"
                + " run\n  (countersign.inbound.trust-shared-topics=true for "
                + LocalStack.TRUSTS_SHARED_INBOUND_TOPICS.stream().map(Service::module).sorted().toList()
                + ": a record's own\n  'tenant' is taken as given). Production leaves this off: tenants publish to"
                + " countersign.<stream>.<tenant>.";
    }

    private static String relative(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : p.toString();
    }
}
