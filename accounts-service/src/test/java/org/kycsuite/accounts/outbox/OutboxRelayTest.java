package org.kycsuite.accounts.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kycsuite.accounts.support.InjectLocalCloud;
import org.kycsuite.accounts.support.LocalCloudControl;
import org.kycsuite.accounts.support.LocalCloudResource;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The relay against the real local bus: an entry the bus always refuses is parked and stops holding
 * back its application; two relay instances never send an entry twice nor out of order. The entries'
 * detail-type is one no rule but the test queue's listens to.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class OutboxRelayTest {

    private static final String DETAIL_TYPE = "Outbox relay test";

    @InjectLocalCloud
    LocalCloudControl cloud;

    @Inject
    EventBridgeClient eventBridge;

    @Inject
    OutboxStore store;

    @Inject
    OutboxMetrics metrics;

    @Inject
    EventBusConfig config;

    @Inject
    Clock clock;

    @Inject
    OutboxRelay relay;

    @Test
    void anEntryTheBusAlwaysRefusesIsParkedAndTheApplicationsNextEventGoesOn() {
        UUID application = UUID.randomUUID();
        long refused = write(application, "{not json");
        long next = write(application, "{\"applicationId\":\"" + application + "\",\"n\":1}");
        relay.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> entry(next).sentAt != null);
        OutboxEntry parked = entry(refused);
        assertThat(parked.parkedAt).isNotNull();
        assertThat(parked.sentAt).isNull();
        assertThat(parked.attempts).isEqualTo(config.relay().maxAttempts());
        assertThat(parked.lastError).contains("MalformedDetail");
        assertThat(cloud.accountsEvents(application.toString(), 1, Duration.ofSeconds(20)))
                .extracting(event -> event.at("/detail/n").asInt()).containsExactly(1);

        given().auth().preemptive().basic("staff", "staff").when().get("/outbox/parked")
                .then().statusCode(200).body("id", hasItem((int) refused));
        given().auth().preemptive().basic("staff", "staff").when().get("/")
                .then().statusCode(200).body(containsString("Events the bus keeps refusing"))
                .body(containsString(application.toString()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().auth().preemptive().basic("ops", "ops").when().get("/q/metrics").then().statusCode(200)
                        .body(containsString("accounts_outbox_parked")));
        assertThat(metricsValue("accounts_outbox_parked")).isGreaterThanOrEqualTo(1);

        // staff put it back in line: it is tried again from a fresh count (and parked again, still malformed)
        // a cross-site form carrying the staff's credentials is not taken, nor a retry without a reason
        given().auth().preemptive().basic("staff", "staff").contentType("application/x-www-form-urlencoded")
                .formParam("reason", "forged").when().post("/outbox/parked/" + refused + "/retry")
                .then().statusCode(415);
        given().auth().preemptive().basic("staff", "staff").contentType("application/json").body("{}")
                .when().post("/outbox/parked/" + refused + "/retry").then().statusCode(400);
        given().auth().preemptive().basic("agent", "agent").contentType("application/json")
                .body("{\"reason\":\"x\"}").when().post("/outbox/parked/" + refused + "/retry").then().statusCode(403);
        given().auth().preemptive().basic("staff", "staff").contentType("application/json")
                .body("{\"reason\":\"detail fixed\"}").when().post("/outbox/parked/" + refused + "/retry")
                .then().statusCode(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            OutboxEntry again = entry(refused);
            return again.parkedAt != null && again.parkedAt.isAfter(parked.parkedAt);
        });
        given().auth().preemptive().basic("staff", "staff").contentType("application/json")
                .body("{\"reason\":\"x\"}").when().post("/outbox/parked/" + next + "/retry").then().statusCode(404);
    }

    @Test
    void twoRelayInstancesNeverSendAnEntryTwiceNorOutOfOrder() {
        OutboxRelay second = new OutboxRelay(eventBridge, store, metrics, config, clock);
        second.start(null);
        try {
            List<UUID> applications = new ArrayList<>();
            List<Long> entries = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                applications.add(UUID.randomUUID());
            }
            for (int n = 0; n < 4; n++) {
                for (UUID application : applications) {
                    entries.add(write(application, "{\"applicationId\":\"" + application + "\",\"n\":" + n + "}"));
                }
            }
            relay.wake();
            second.wake();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> entries.stream().allMatch(id -> entry(id).sentAt != null));

            for (UUID application : applications) {
                List<JsonNode> events = cloud.accountsEvents(application.toString(), 4, Duration.ofSeconds(20));
                assertThat(events).extracting(event -> event.at("/detail/n").asInt()).containsExactly(0, 1, 2, 3);
            }
            // nothing arrives late either: read the queue for three more seconds, then count again
            cloud.accountsEvents(applications.get(0).toString(), 5, Duration.ofSeconds(3));
            for (UUID application : applications) {
                assertThat(cloud.accountsEvents(application.toString(), 4, Duration.ZERO)).hasSize(4);
            }
        } finally {
            try {
                second.stop(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double metricsValue(String name) {
        String body = given().auth().preemptive().basic("ops", "ops").when().get("/q/metrics").asString();
        return body.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static OutboxEntry entry(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEntry.<OutboxEntry>findById(id));
    }

    private static long write(UUID applicationId, String detail) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEntry entry = new OutboxEntry();
            entry.applicationId = applicationId;
            entry.source = "bank.accounts";
            entry.detailType = DETAIL_TYPE;
            entry.detail = detail;
            entry.createdAt = Instant.now();
            entry.persist();
            return entry.id;
        });
    }
}
