package dev.countersign.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/**
 * Runs with {@code COUNTERSIGN_TEST_PG_PORT=1} (see this module's pom): with no PostgreSQL at the configured
 * address, the tests' databases come from an embedded PostgreSQL instead of failing.
 */
class EmbeddedPostgresFallbackTest {

    @Test
    void startsAnEmbeddedPostgresWhenNothingAnswersAtTheConfiguredAddress() throws Exception {
        assertThat(System.getenv("COUNTERSIGN_TEST_PG_PORT")).isEqualTo("1");

        TestDatabases.recreate("countersign_fallback_test");

        assertThat(TestDatabases.embedded()).isTrue();
        assertThat(TestDatabases.port()).isNotEqualTo(1);
        try (var c = DriverManager.getConnection(TestDatabases.jdbcUrl("countersign_fallback_test"), TestDatabases.USER,
                TestDatabases.PASSWORD); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (n NUMERIC)");
            s.execute("INSERT INTO t VALUES (12345678901234567890)");
            try (ResultSet rows = s.executeQuery("SELECT n::text, current_setting('server_version_num')::int FROM t")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("12345678901234567890");
                assertThat(rows.getInt(2)).isGreaterThanOrEqualTo(140000);
            }
        }
    }
}
