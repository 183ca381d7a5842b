package dev.countersign.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseServerTest {

    @Test
    void acceptsTheUsualUrlForms() {
        assertThat(DatabaseServer.parse("postgresql://127.0.0.1:5432", "postgres", null))
                .isEqualTo(new DatabaseServer("127.0.0.1", 5432, "postgres", ""));
        assertThat(DatabaseServer.parse("jdbc:postgresql://db:6543/whatever", "cs", "pw"))
                .isEqualTo(new DatabaseServer("db", 6543, "cs", "pw"));
        assertThat(DatabaseServer.parse("postgres://alice:s%40cret@db", null, null))
                .isEqualTo(new DatabaseServer("db", 5432, "alice", "s@cret"));
        assertThat(DatabaseServer.parse("localhost:5433", null, null))
                .isEqualTo(new DatabaseServer("localhost", 5433, "postgres", ""));
    }

    @Test
    void buildsTheUrlsEachServiceIsGiven() {
        DatabaseServer db = new DatabaseServer("127.0.0.1", 5433, "postgres", "");
        assertThat(db.jdbcUrl("countersign_audit")).isEqualTo("jdbc:postgresql://127.0.0.1:5433/countersign_audit");
        assertThat(db.reactiveUrl("countersign_audit")).isEqualTo("postgresql://127.0.0.1:5433/countersign_audit");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new DatabaseServer("db", 5432, "alice", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesOtherSchemesAndUnsafeNames() {
        assertThatThrownBy(() -> DatabaseServer.parse("mysql://db:3306", null, null))
                .hasMessageContaining("not a PostgreSQL URL");
        assertThatThrownBy(() -> DatabaseServer.requireSafeName("x; DROP DATABASE y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
