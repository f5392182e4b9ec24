package org.kycsuite.customerservice;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.kycsuite.events.EventContract.ACCOUNT_OPENED;
import static org.kycsuite.events.EventContract.IDENTITY_CHECK_COMPLETED;
import static org.kycsuite.events.EventContract.MANUAL_REVIEW_REQUESTED;
import static org.kycsuite.events.EventContract.NEW_ACCOUNT_APPROVED;
import static org.kycsuite.events.EventContract.NEW_ACCOUNT_REQUESTED;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The consumer against a real local cloud: every message goes through SQS and the SmallRye connector. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class EventConsumptionTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:15:02Z");

    @Test
    void eventsInOrderBuildTheWholeTimeline() {
        String app = TestEvents.newApplicationId();
        List<ObjectNode> events = happyPath(app);
        events.forEach(this::send);

        JsonPath view = awaitTimeline(app, 5);
        assertThat(view.getString("status")).isEqualTo("OPENED");
        assertThat(view.getList("timeline.detailType")).containsExactly("New account requested",
                "Identity check completed", "Manual review requested", "New account approved", "Account opened");
        assertThat(view.getString("outcome.decision")).isEqualTo("APPROVED");
        assertThat(view.getString("outcome.decidedBy")).isEqualTo("officer");
        assertThat(view.getString("applicant.name")).isEqualTo("Ada Lovelace");
    }

    @Test
    void eventsInReverseOrderEndInTheSameState() {
        String app = TestEvents.newApplicationId();
        List<ObjectNode> events = happyPath(app);
        Collections.reverse(events);
        events.forEach(this::send);

        JsonPath view = awaitTimeline(app, 5);
        assertThat(view.getString("status")).isEqualTo("OPENED");
        assertThat(view.getList("timeline.detailType")).containsExactly("New account requested",
                "Identity check completed", "Manual review requested", "New account approved", "Account opened");
    }

    @Test
    void aLateIdentityCheckNeverMovesAnApprovedCaseBack() {
        String app = TestEvents.newApplicationId();
        send(TestEvents.sample(NEW_ACCOUNT_REQUESTED, app, T0));
        send(TestEvents.sample(NEW_ACCOUNT_APPROVED, app, T0.plusSeconds(60)));
        awaitTimeline(app, 2);
        send(TestEvents.sample(IDENTITY_CHECK_COMPLETED, app, T0.plusSeconds(2)));

        JsonPath view = awaitTimeline(app, 3);
        assertThat(view.getString("status")).isEqualTo("APPROVED");
    }

    @Test
    void redeliveredAndRepublishedEventsAppearOnce() {
        String app = TestEvents.newApplicationId();
        ObjectNode requested = TestEvents.sample(NEW_ACCOUNT_REQUESTED, app, T0);
        ObjectNode opened = TestEvents.sample(ACCOUNT_OPENED, app, T0.plusSeconds(120));
        send(requested);
        send(requested);
        send(opened);
        send(TestEvents.republished(opened));
        send(requested);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(view(app).getList("duplicates")).hasSize(1));
        JsonPath view = view(app);
        assertThat(view.getList("timeline.detailType")).containsExactly("New account requested", "Account opened");
        assertThat(view.getString("duplicates[0].duplicateOf")).isEqualTo(opened.get("id").textValue());
        assertThat(view.getString("status")).isEqualTo("OPENED");
    }

    @Test
    void unknownTypesAndVersionsAreKeptAsUnknownAndCounted() {
        String app = TestEvents.newApplicationId();
        send(TestEvents.sample(NEW_ACCOUNT_REQUESTED, app, T0));
        ObjectNode frozen = TestEvents.sample(ACCOUNT_OPENED, app, T0.plusSeconds(5));
        frozen.put("detail-type", "Account frozen");
        send(frozen);
        send(TestEvents.sample(IDENTITY_CHECK_COMPLETED, app, T0.plusSeconds(3), d -> d.put("schemaVersion", 2)));

        JsonPath view = awaitTimeline(app, 3);
        assertThat(view.getList("timeline.unknown")).containsExactly(false, true, true);
        assertThat(view.getString("timeline[1].summary")).contains("Unknown event \"Identity check completed\"")
                .contains("schema version 2");
        assertThat(view.getString("timeline[2].summary")).contains("Unknown event \"Account frozen\"");
        assertThat(view.getString("status")).isEqualTo("SUBMITTED");
        given().auth().preemptive().basic("ops", "ops").when().get("/q/metrics").then().statusCode(200)
                .body(containsString("kyc_cs_events_unknown_total{detailType=\"Account frozen\""))
                .body(containsString("kyc_cs_events_consumed_total"))
                .body(containsString("kyc_cs_events_lag_seconds"));
    }

    @Test
    void malformedMessagesEndInTheDeadLetterQueue() {
        String app = TestEvents.newApplicationId();
        ObjectNode broken = TestEvents.sample(NEW_ACCOUNT_APPROVED, app, T0, d -> d.remove("decidedBy"));
        sendRaw("this is not an event {");
        send(broken);

        List<String> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            for (Message m : LocalCloudResource.sqs().receiveMessage(b -> b.queueUrl(LocalCloudResource.dlqUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                dead.add(m.body());
                LocalCloudResource.sqs().deleteMessage(b -> b.queueUrl(LocalCloudResource.dlqUrl())
                        .receiptHandle(m.receiptHandle()));
            }
            assertThat(dead).contains("this is not an event {", broken.toString());
        });
        given().auth().preemptive().basic("agent", "agent").when().get("/cases/" + app).then().statusCode(404);
    }

    private static List<ObjectNode> happyPath(String app) {
        return new ArrayList<>(List.of(
                TestEvents.sample(NEW_ACCOUNT_REQUESTED, app, T0),
                TestEvents.sample(IDENTITY_CHECK_COMPLETED, app, T0.plusSeconds(2)),
                TestEvents.sample(MANUAL_REVIEW_REQUESTED, app, T0.plusSeconds(3)),
                TestEvents.sample(NEW_ACCOUNT_APPROVED, app, T0.plusSeconds(60)),
                TestEvents.sample(ACCOUNT_OPENED, app, T0.plusSeconds(63))));
    }

    private void send(ObjectNode event) {
        sendRaw(event.toString());
    }

    private void sendRaw(String body) {
        LocalCloudResource.sqs().sendMessage(b -> b.queueUrl(LocalCloudResource.queueUrl()).messageBody(body));
    }

    private static JsonPath awaitTimeline(String app, int entries) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(view(app).getList("timeline")).hasSize(entries));
        return view(app);
    }

    private static JsonPath view(String app) {
        var response = given().auth().preemptive().basic("agent", "agent").when().get("/cases/" + app);
        if (response.statusCode() == 404) {
            return new JsonPath("{\"timeline\": [], \"duplicates\": []}");
        }
        return response.then().statusCode(200).extract().jsonPath();
    }
}
