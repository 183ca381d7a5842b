package dev.countersign.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook endpoint for the README walkthrough: prints every delivery and, given the action's
 * {@code whsec_} secret, whether its Standard Webhooks v1 signature is valid; answers success.
 *
 * <pre>java -cp deploy/local/target/countersign-local.jar dev.countersign.local.DemoReceiver [port] [whsec_...]</pre>
 */
public final class DemoReceiver {
    private final String secret;

    private DemoReceiver(String secret) {
        this.secret = secret;
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        String secret = args.length > 1 ? args[1] : System.getenv("WEBHOOK_SECRET");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", new DemoReceiver(secret)::handle);
        server.start();
        System.out.println("demo receiver listening on http://127.0.0.1:" + port + "/ (any path)"
                + (secret == null ? "; pass the whsec_ secret as 2nd argument to verify signatures" : ""));
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String body = new String(raw, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        System.out.println("--- " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
        System.out.println("webhook-id:        " + id);
        System.out.println("webhook-timestamp: " + timestamp);
        System.out.println("webhook-signature: " + signature + "  -> " + verdict(id, timestamp, signature, body));
        System.out.println(body);
        byte[] reply = "{\"success\": true, \"message\": \"Handled by the demo receiver.\"}"
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", "application/json");
        exchange.sendResponseHeaders(200, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private String verdict(String id, String timestamp, String signature, String body) {
        if (secret == null || signature == null) {
            return "not checked";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            String material = secret.startsWith("whsec_") ? secret.substring(6) : secret;
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(material), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String entry : signature.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(entry.substring(3)))) {
                    return "VALID (v1)";
                }
            }
            return "INVALID";
        } catch (Exception e) {
            return "could not check: " + e.getMessage();
        }
    }
}
