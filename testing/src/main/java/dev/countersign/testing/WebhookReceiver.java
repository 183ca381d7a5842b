package dev.countersign.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A customer webhook endpoint on 127.0.0.1 for tests. It records every delivery and verifies its
 * signature with the Standard Webhooks reference library, independently of the executor's signing code.
 */
public final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private volatile String secret;
    private volatile Function<Delivery, Reply> responder = d -> Reply.ok("{\"success\": true, \"message\": \"done\"}");

    /** One request as received: headers (lower-cased names), body, and whether the signature verified. */
    public record Delivery(Map<String, List<String>> headers, String body, boolean signatureValid) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What the receiver answers. */
    public record Reply(int status, String body) {
        public static Reply ok(String body) {
            return new Reply(200, body);
        }
    }

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL to register as the action's webhook. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The {@code whsec_} secret deliveries must be signed with. */
    public void expectSecret(String whsec) {
        this.secret = whsec;
    }

    /** Sets what the receiver answers (it may block, e.g. to hold a delivery open while a test kills the sender). */
    public void respondWith(Function<Delivery, Reply> responder) {
        this.responder = responder;
    }

    public List<Delivery> deliveries() {
        return deliveries;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v));
        Delivery delivery = new Delivery(headers, body, verify(headers, body));
        deliveries.add(delivery);
        Reply reply;
        try {
            reply = responder.apply(delivery);
        } catch (RuntimeException e) {
            reply = new Reply(500, "{\"error\": \"receiver failed\"}");
        }
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(reply.status(), out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        } catch (IOException ignored) {
            // the sender went away (e.g. it was killed); the delivery is still recorded
        }
    }

    private boolean verify(Map<String, List<String>> headers, String body) {
        if (secret == null) {
            return false;
        }
        try {
            new Webhook(secret).verify(body, HttpHeaders.of(headers, (a, b) -> true));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
