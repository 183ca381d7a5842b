package dev.countersign.executor.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.countersign.contracts.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the action registry's internal endpoint for tests: answers registered versions with their signing
 * secrets, 404 for unknown ones, and 401 unless the configured service token is presented.
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
    public void register(String tenant, String assistant, String name, int version, ObjectNode execution,
            List<String> secrets) {
        register(tenant, assistant, name, version, execution, secrets, Map.of());
    }

    /**
     * Registers a version whose answer also carries {@code credentials} (name -> value), as the registry does for
     * a definition with {@code execution.auth}; an empty map leaves the {@code credentials} field out.
     */
    public void register(String tenant, String assistant, String name, int version, ObjectNode execution,
            List<String> secrets, Map<String, String> credentials) {
        ObjectNode definition = Json.mapper().createObjectNode();
        definition.put("tenant", tenant).put("assistant", assistant).put("name", name)
                .put("description", "A test action delivered by the executor.").put("version", version)
                .put("status", "active");
        definition.putObject("approval").put("mode", "auto");
        definition.set("execution", execution);
        ObjectNode answer = Json.mapper().createObjectNode();
        answer.set("definition", definition);
        answer.set("signing_secrets", Json.mapper().valueToTree(secrets));
        if (!credentials.isEmpty()) {
            answer.set("credentials", Json.mapper().valueToTree(credentials));
        }
        answers.put(PREFIX + tenant + "/" + assistant + "/" + name + "/versions/" + version, answer.toString());
    }

    /** A webhook execution block with fast retries for tests. */
    public static ObjectNode webhook(String url, int maxAttempts) {
        return webhook(url, maxAttempts, 5000);
    }

    /** A webhook execution block with fast retries and the given per-attempt timeout. */
    public static ObjectNode webhook(String url, int maxAttempts, int timeoutMs) {
        ObjectNode execution = Json.mapper().createObjectNode();
        execution.put("kind", "webhook").put("url", url).put("timeout_ms", timeoutMs);
        execution.putObject("retry").put("max_attempts", maxAttempts).put("initial_backoff_ms", 10)
                .put("max_backoff_ms", 50);
        return execution;
    }

    /** Adds {@code execution.auth} to an execution block; {@code header} and {@code scheme} may be null. */
    public static ObjectNode withAuth(ObjectNode execution, String credential, String header, String scheme) {
        ObjectNode auth = execution.putObject("auth").put("credential", credential);
        if (header != null) {
            auth.put("header", header);
        }
        if (scheme != null) {
            auth.put("scheme", scheme);
        }
        return execution;
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
            body = "{\"code\": \"not_found\"}";
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
