package dev.countersign.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a fresh database on the real PostgreSQL (see {@link TestDatabases}); the
 * database name comes from the resource arg {@code database}. Flyway migrates it at start.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "countersign_test");
    }

    @Override
    public Map<String, String> start() {
        TestDatabases.recreate(database);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", TestDatabases.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", TestDatabases.jdbcUrl(database));
        config.put("quarkus.datasource.username", TestDatabases.USER);
        config.put("quarkus.datasource.password", TestDatabases.PASSWORD);
        return config;
    }

    @Override
    public void stop() {
        // kept for inspection after a failure; the next run recreates it
    }
}
