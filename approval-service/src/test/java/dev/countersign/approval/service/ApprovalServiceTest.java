package dev.countersign.approval.service;

import static dev.countersign.approval.ValidationsFixture.accepted;
import static dev.countersign.approval.ValidationsFixture.newId;
import static dev.countersign.approval.ValidationsFixture.sameRoute;
import static dev.countersign.approval.ValidationsFixture.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.approval.domain.ApprovalPolicy;
import dev.countersign.approval.persistence.ApprovalEntity;
import dev.countersign.approval.persistence.ApprovalRepository;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Json;
import dev.countersign.contracts.Topics;
import dev.countersign.contracts.events.ProposalAccepted;
import dev.countersign.kit.persistence.Transactions;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The insert-if-absent of {@link ApprovalService#accept} without {@code ON CONFLICT}: the loser of a race
 * between two copies of one proposal fails on the primary key with a unique violation (SQLSTATE 23505, which
 * the kit's intake retries), and its retry changes nothing and publishes nothing.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class ApprovalServiceTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;

    @Inject
    ApprovalService service;
    @Inject
    Transactions transactions;
    @Inject
    ApprovalRepository repository;

    @BeforeAll
    static void watch() {
        kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());
        approvals = kafka.watch(Topics.APPROVALS);
    }

    @AfterAll
    static void close() {
        kafka.close();
    }

    @Test
    void theLoserOfARaceFailsOnTheKeyAndItsRetryChangesNothing() throws Throwable {
        String id = newId();
        ProposalAccepted proposal = accepted(id, "acme", "require_approval");
        ObjectNode data = Json.mapper().valueToTree(proposal);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> service.accept("first", proposal, data))).isTrue();

        // What a concurrent copy does after it, too, found no row: it inserts one in its own transaction.
        ApprovalEntity copy = ApprovalEntity.arrived(ApprovalPolicy.arrive(proposal, Instant.now()).view(),
                proposal.approvalMode(), "second", data);
        Throwable lost = catchThrowable(() -> VertxContextSupport.subscribeAndAwait(
                () -> transactions.write(session -> repository.persist(copy))));
        assertThat(sqlState(lost)).isEqualTo("23505");

        // Its retry (the intake's) finds the row: nothing new, nothing published.
        assertThat(VertxContextSupport.subscribeAndAwait(() -> service.accept("second", proposal, data))).isFalse();
        String marker = sameRoute(id);
        send(kafka, accepted(marker, "acme", "auto"));
        KafkaTestClient.await(approvals, r -> marker.equals(r.key()), Duration.ofSeconds(30));
        assertThat(approvals.stream().filter(r -> id.equals(r.key())).map(KafkaTestClient.Received::type))
                .containsExactly(EventTypes.APPROVAL_REQUESTED);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> transactions.read(session ->
                repository.findById(new ApprovalEntity.Key("acme", id)))).acceptedEventId).isEqualTo("first");
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.pgclient.PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none: " + failure;
    }

}
