package dev.countersign.executor.client;

import dev.countersign.executor.domain.AttemptResult;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.TypeArg;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook attempt. It connects to the address the egress policy checked (never resolving the host
 * again, so DNS rebinding cannot redirect it) while sending the URL's own host as {@code Host} and TLS SNI and
 * verifying the certificate against it; redirects are not followed; the response body is read up to a limit.
 * Every transport problem becomes an {@link AttemptResult}: this never fails.
 */
@ApplicationScoped
public class WebhookClient {
    private static final long BACKSTOP_MS = 1000;
    private final WebClient client;

    WebhookClient(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setFollowRedirects(false)
                // SNI with the URL's host even though we connect to an IP address
                .setForceSni(true)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setUserAgentEnabled(false)
                .setDecompressionSupported(false));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * POSTs {@code body} to {@code url}, connecting to {@code address}.
     *
     * @param timeoutMs bound of the whole attempt (connect, send, answer)
     */
    public Uni<AttemptResult> post(URI url, InetAddress address, Map<String, String> headers, byte[] body,
            long timeoutMs, int maxResponseBytes) {
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() != -1 ? url.getPort() : https ? 443 : 80;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String requestUri = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(url.getHost())
                .setPort(port)
                .setURI(requestUri)
                .setSsl(https)
                .setFollowRedirects(false)
                // a backstop that closes the connection; the attempt's own deadline below fires first, so a slow
                // endpoint is reported as a timeout rather than as the closed connection this causes
                .setTimeout(timeoutMs + BACKSTOP_MS);
        SocketAddress server = SocketAddress.inetSocketAddress(port, address.getHostAddress());
        BodyCodec<byte[]> codec = new BodyCodec<>(new LimitedBodyCodec(maxResponseBytes), TypeArg.unknown());
        var request = client.request(HttpMethod.POST, server, options).as(codec);
        headers.forEach(request::putHeader);
        return request.sendBuffer(Buffer.buffer(body))
                .ifNoItem().after(Duration.ofMillis(timeoutMs)).fail()
                .<AttemptResult>map(response -> new AttemptResult.Answered(response.statusCode(),
                        response.getHeader("retry-after"), response.body()))
                .onFailure().recoverWithItem(failure -> transportFailure(failure, timeoutMs, maxResponseBytes));
    }

    private static AttemptResult transportFailure(Throwable failure, long timeoutMs, int maxResponseBytes) {
        if (causedBy(failure, LimitedBodyCodec.ResponseTooLargeException.class)) {
            return new AttemptResult.ResponseTooLarge(maxResponseBytes);
        }
        // Mutiny's deadline and Vert.x's request timeout have unrelated exception types
        if (causedBy(failure, TimeoutException.class) || causedBy(failure, io.smallrye.mutiny.TimeoutException.class)) {
            return new AttemptResult.TimedOut(timeoutMs);
        }
        String reason = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + truncate(failure.getMessage()));
        Log.debugf("webhook attempt failed at transport level: %s", reason);
        return new AttemptResult.ConnectionFailed(reason);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String truncate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
