package dev.countersign.approval.service;

import static dev.countersign.approval.Flows.awaitEvent;
import static dev.countersign.approval.Flows.eventsOf;
import static dev.countersign.approval.Flows.propose;
import static dev.countersign.approval.Flows.read;
import static dev.countersign.approval.Flows.uniqueTenant;
import static dev.countersign.approval.ValidationsFixture.approval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.countersign.approval.ValidationsFixture;
import dev.countersign.contracts.EventTypes;
import dev.countersign.contracts.Topics;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The expiry sweep as several replicas run it: sweeps running at the same time (each its own connection and
 * transaction) expire every due approval exactly once ({@code FOR UPDATE SKIP LOCKED}), and a sweep that runs late
 * catches up with everything due since.
 */
@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_approval_test"))
class ExpirySweepTest {
    static KafkaTestClient kafka;
    static List<KafkaTestClient.Received> approvals;

    @Inject
    ExpirySweep sweep;

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
    void concurrentSweepsExpireEachDueApprovalOnce() throws Exception {
        String tenant = uniqueTenant();
        // Due in 30 minutes: the scheduled sweep leaves them alone; the sweeps below run "40 minutes from now",
        // as a replica coming back after downtime would.
        Instant deadline = Instant.now().plus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(propose(kafka, ValidationsFixture.accepted(ValidationsFixture.newId(), tenant, deadline,
                    ValidationsFixture.PARAMETERS, approval("require_approval", "end_user", 1, false))).proposalId());
        }
        Instant later = deadline.plus(10, ChronoUnit.MINUTES);

        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Callable<Integer> run = () -> sweepAt(later);
                runs.add(pool.submit(run));
            }
            int expired = 0;
            for (Future<Integer> run : runs) {
                expired += run.get();
            }
            assertThat(expired).isEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }

        for (String id : ids) {
            assertThat(awaitEvent(approvals, id, EventTypes.PROPOSAL_EXPIRED).json().path("expired_at").asText())
                    .isEqualTo(deadline.toString());
            read(tenant, id).body("status", equalTo("expired"));
        }
        String marker = ValidationsFixture.sameRoute(ids.get(0));
        ValidationsFixture.send(kafka, ValidationsFixture.accepted(marker, tenant, "auto"));
        awaitEvent(approvals, marker, EventTypes.PROPOSAL_APPROVED);
        for (String id : ids) {
            assertThat(eventsOf(approvals, id).stream().filter(r -> EventTypes.PROPOSAL_EXPIRED.equals(r.type())))
                    .as(id).hasSize(1);
        }
        assertThat(sweepAt(later)).isZero();
    }

    private int sweepAt(Instant now) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> sweep.expireDue(now));
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
