package dev.countersign.executor.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.actions.ActionDefinition;
import dev.countersign.contracts.actions.Approval;
import dev.countersign.contracts.actions.ApprovalModes;
import dev.countersign.contracts.actions.Execution;
import dev.countersign.contracts.actions.OutboundAuth;
import dev.countersign.contracts.actions.RetryPolicy;
import dev.countersign.contracts.internal.ActionVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the action registry's internal endpoint for tests: answers registered versions with their signing
 * secrets (the contracts' {@link ActionVersion}, as the registry writes it), 404 for unknown ones, and 401 unless
 * the configured service token is presented.
 */
public final class RegistryStub implements AutoCloseable {
    private static final String PREFIX = "/internal/v1/actions/";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final String token;
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    public RegistryStub(String token) {
        this.token = token;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh Standard Webhooks secret. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    /** Registers version {@code version} of an action with {@code execution} and the given secrets. */
    public void register(String tenant, String assistant, String name, int version, Execution execution,
            List<String> secrets) {
        register(tenant, assistant, name, version, execution, secrets, Map.of());
    }

    /**
     * Registers a version whose answer also carries {@code credentials} (name -> value), as the registry does for
     * a definition with {@code execution.auth}. The answer is the contracts' {@link ActionVersion}, as the registry
     * writes it: one signing key generation per secret (v1 only).
     */
    public void register(String tenant, String assistant, String name, int version, Execution execution,
            List<String> secrets, Map<String, String> credentials) {
        ActionDefinition definition = new ActionDefinition(tenant, assistant, name, null,
                "A test action delivered by the executor.", null, null,
                new Approval(ApprovalModes.AUTO, null, null, null, null, null), execution, null, version, "active",
                null, null);
        List<ActionVersion.SigningKey> keys = new ArrayList<>();
        for (int i = 0; i < secrets.size(); i++) {
            keys.add(new ActionVersion.SigningKey("key_" + i, secrets.get(i), null, null));
        }
        try {
            answers.put(PREFIX + tenant + "/" + assistant + "/" + name + "/versions/" + version,
                    Json.mapper().writeValueAsString(ActionVersion.of(definition, keys, credentials)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A webhook execution block with fast retries for tests. */
    public static Execution webhook(String url, int maxAttempts) {
        return webhook(url, maxAttempts, 5000);
    }

    /** A webhook execution block with fast retries and the given per-attempt timeout. */
    public static Execution webhook(String url, int maxAttempts, int timeoutMs) {
        return new Execution("webhook", url, timeoutMs, new RetryPolicy(maxAttempts, 10L, 50L), null);
    }

    /** {@code execution} with {@code execution.dry_run} set to {@code style} ({@code simulate}, {@code endpoint}, …). */
    public static Execution withDryRun(Execution execution, String style) {
        return new Execution(execution.kind(), execution.url(), execution.timeoutMs(), execution.retry(), style,
                execution.auth());
    }

    /** {@code execution} with {@code execution.auth}; {@code header} and {@code scheme} may be null. */
    public static Execution withAuth(Execution execution, String credential, String header, String scheme) {
        return new Execution(execution.kind(), execution.url(), execution.timeoutMs(), execution.retry(),
                execution.dryRun(), new OutboundAuth(credential, header, scheme));
    }

    /** The next {@code n} requests answer 503, as a registry that is down would. */
    public void failNext(int n) {
        failures.set(n);
    }

    /** Requests served so far (to show caching). */
    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String auth = exchange.getRequestHeaders().getFirst("authorization");
        String answer = answers.get(exchange.getRequestURI().getRawPath());
        int status;
        String body;
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            status = 503;
            body = "{\"code\": \"unavailable\"}";
        } else if (!("Bearer " + token).equals(auth)) {
            status = 401;
            body = "{\"code\": \"unauthorized\"}";
        } else if (!"GET".equals(exchange.getRequestMethod()) || answer == null) {
            status = 404;
            body = "{\"code\": \"" + ActionVersion.NOT_FOUND + "\"}";
        } else {
            status = 200;
            body = answer;
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
