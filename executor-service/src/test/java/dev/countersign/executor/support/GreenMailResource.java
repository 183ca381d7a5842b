package dev.countersign.executor.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Starts a real SMTP server (GreenMail) on a free loopback port and points {@code quarkus.mailer.*} at it. Tests
 * reach it through {@link #server()}; {@link #stopServer()} / {@link #restartServer()} simulate an outage.
 */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {
    private static volatile GreenMail server;
    private static int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartServer();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.from", "countersign@test.example");
    }

    public static GreenMail server() {
        return server;
    }

    public static int port() {
        return port;
    }

    public static void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public static void restartServer() {
        stopServer();
        GreenMail started = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        started.start();
        server = started;
    }

    @Override
    public void stop() {
        stopServer();
    }
}
