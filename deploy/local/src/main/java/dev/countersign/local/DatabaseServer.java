package dev.countersign.local;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Where the services' PostgreSQL databases live: host, port and credentials of a server (the embedded one or
 * yours). Database names are added per service.
 */
public record DatabaseServer(String host, int port, String user, String password) {

    public DatabaseServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    /**
     * Parses {@code postgresql://host:port}, {@code postgres://user:password@host:port/db} or
     * {@code jdbc:postgresql://host:port/db}; user and password in the URL win over the ones given. A database
     * name in the URL is ignored: every service gets its own.
     */
    public static DatabaseServer parse(String url, String user, String password) {
        String u = url.trim();
        if (u.startsWith("jdbc:")) {
            u = u.substring("jdbc:".length());
        }
        if (!u.contains("://")) {
            u = "postgresql://" + u;
        }
        URI uri = URI.create(u);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        String effectiveUser = user;
        String effectivePassword = password;
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            effectiveUser = decode(info[0]);
            if (info.length > 1) {
                effectivePassword = decode(info[1]);
            }
        }
        return new DatabaseServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                effectiveUser == null || effectiveUser.isBlank() ? "postgres" : effectiveUser, effectivePassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The form the Quarkus reactive client takes ({@code quarkus.datasource.reactive.url}). */
    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates {@code name} unless it exists; connects to the {@code postgres} maintenance database. */
    public boolean createDatabaseIfMissing(String name) throws SQLException {
        requireSafeName(name);
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return false;
                }
            }
            s.execute("CREATE DATABASE " + name);
            return true;
        }
    }

    static void requireSafeName(String name) {
        // names go into DDL, which cannot take bind parameters
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must match [a-z_][a-z0-9_]*: " + name);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // never print the password
        return user + "@" + host + ":" + port;
    }
}
