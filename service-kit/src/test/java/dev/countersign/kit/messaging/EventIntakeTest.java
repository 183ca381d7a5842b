package dev.countersign.kit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** Which failures are retried and which are dead-lettered. */
class EventIntakeTest {

    @Test
    void dataTheDatabaseRefusesIsPermanent() {
        assertThat(EventIntake.permanent(new PgException("unsupported Unicode escape sequence", "ERROR", "22P05", null)))
                .isTrue();
        assertThat(EventIntake.permanent(new PgException("violates check constraint", "ERROR", "23514", null))).isTrue();
        assertThat(EventIntake.permanent(new RuntimeException(new IllegalArgumentException("bad")))).isTrue();
        assertThat(EventIntake.permanent(new PgException("index row size exceeds btree maximum", "ERROR", "54000",
                null))).isTrue();
    }

    @Test
    void anUnreachableDatabaseIsTransient() {
        assertThat(EventIntake.permanent(new ConnectException("Connection refused"))).isFalse();
        assertThat(EventIntake.permanent(new PgException("the database system is starting up", "FATAL", "57P03", null)))
                .isFalse();
        assertThat(EventIntake.permanent(new PgException("deadlock detected", "ERROR", "40P01", null))).isFalse();
        // a concurrent copy inserted the same row first: the retry finds it and takes the idempotent path
        assertThat(EventIntake.permanent(new PgException("duplicate key value", "ERROR", "23505", null))).isFalse();
    }
}
