package dev.countersign.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.contracts.Topics;
import dev.countersign.testing.JwtResource;
import dev.countersign.testing.KafkaBroker;
import dev.countersign.testing.KafkaResource;
import dev.countersign.testing.KafkaTestClient;
import dev.countersign.testing.PostgresResource;
import dev.countersign.testing.TestDatabases;
import dev.countersign.testing.TestJwt;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * An event Kafka refuses for good (here: larger than the producer may send) is parked, and the events after it
 * are still published: one bad row never blocks a service's topic.
 */
@QuarkusTest
@TestProfile(OutboxParkingTest.SmallRequests.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(JwtResource.class)
@WithTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "countersign_registry_parking_test"))
class OutboxParkingTest {

    /** Producer requests of at most 16 KB. */
    public static class SmallRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.outgoing.events-out.max.request.size", "16384");
        }
    }

    static void create(String name, String description) {
        given().auth().oauth2(TestJwt.admin("acme")).contentType(ContentType.JSON).body("""
            {"assistant": "parking", "name": "%s", "description": "%s",
             "execution": {"kind": "webhook", "url": "https://hooks.example.com/x"}}""".formatted(name, description))
                .post("/v1/actions").then().statusCode(201);
    }

    @Test
    void anOversizedEventIsParkedAndLaterEventsStillFlow() throws Exception {
        String big = "big_" + UUID.randomUUID().toString().substring(0, 8);
        String small = "small_" + UUID.randomUUID().toString().substring(0, 8);
        create(big, "A very long description. ".repeat(1200));
        create(small, "A short description of a small action.");

        try (var kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            var actions = kafka.watch(Topics.ACTIONS);
            KafkaTestClient.await(actions, r -> ("acme/parking/" + small).equals(r.key()), Duration.ofSeconds(30));
            assertThat(actions).noneMatch(r -> ("acme/parking/" + big).equals(r.key()));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var c = DriverManager.getConnection(TestDatabases.jdbcUrl("countersign_registry_parking_test"),
                    TestDatabases.USER, TestDatabases.PASSWORD);
                    var s = c.prepareStatement("SELECT reason FROM outbox_parked WHERE subject = ?")) {
                s.setString(1, "acme/parking/" + big);
                try (var rs = s.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).contains("RecordTooLarge");
                }
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isZero();
                }
            }
        });
    }
}
