package org.kycsuite.accounts.outcome;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.kycsuite.accounts.account.Iban;
import org.kycsuite.accounts.support.InjectLocalCloud;
import org.kycsuite.accounts.support.LocalCloudControl;
import org.kycsuite.accounts.support.LocalCloudResource;
import org.kycsuite.accounts.support.Requests;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.SampleEvents;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Events in and out through a real local cloud: the outbox publishes to the bus, rules route, the
 * outcome queue is consumed with SmallRye's SQS connector.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class EventFlowTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @InjectLocalCloud
    LocalCloudControl cloud;

    @Test
    void publishesNewAccountRequestedThroughTheBus() {
        String id = submit("Published");
        List<JsonNode> events = cloud.accountsEvents(id, 1, EVENT_TIMEOUT);
        assertThat(events).hasSize(1);
        JsonNode event = events.get(0);
        assertThat(event.get("source").asText()).isEqualTo(EventTypes.SOURCE_ACCOUNTS);
        assertThat(event.get("detail-type").asText()).isEqualTo(EventTypes.NEW_ACCOUNT_REQUESTED);
        assertThat(EventContracts.validate(EventTypes.NEW_ACCOUNT_REQUESTED, event.get("detail"))).isEmpty();
        assertThat(event.at("/detail/applicant/givenName").asText()).isEqualTo("Published");
        assertThat(event.at("/detail/requestedBy").asText()).isEqualTo("staff");
    }

    @Test
    void approvedOutcomeOpensTheAccountAndAnnouncesIt() {
        String id = submit("Approved");
        try (EventBridgeClient events = cloud.eventBridge()) {
            JsonNode approved = outcome(EventContract.NEW_ACCOUNT_APPROVED, id);
            events.putEvents(b -> b.entries(e -> e.eventBusName("kyc-bus").source(EventTypes.SOURCE_KYC)
                    .detailType(EventTypes.NEW_ACCOUNT_APPROVED).detail(approved.get("detail").toString())));
        }
        JsonPath application = awaitStatus(id, "OPENED");
        String iban = application.getString("accountNumber");
        assertThat(Iban.isValid(iban)).as(iban).isTrue();
        assertThat(iban).startsWith("GB").contains("KYCB601613");

        List<JsonNode> published = cloud.accountsEvents(id, 2, EVENT_TIMEOUT);
        assertThat(published).extracting(e -> e.get("detail-type").asText())
                .containsExactly(EventTypes.NEW_ACCOUNT_REQUESTED, EventTypes.ACCOUNT_OPENED);
        JsonNode opened = published.get(1).get("detail");
        assertThat(opened.get("accountNumber").asText()).isEqualTo(iban);
        assertThat(opened.get("currency").asText()).isEqualTo("GBP");
        assertThat(EventContracts.validate(EventTypes.ACCOUNT_OPENED, opened)).isEmpty();
    }

    @Test
    void anOutcomeThatCanNeverBeAppliedReachesTheDeadLetterQueueAndLaterOnesStillOpenAccounts() {
        String unknown = UUID.randomUUID().toString();
        try (EventBridgeClient events = cloud.eventBridge(); SqsClient sqs = cloud.sqs()) {
            JsonNode orphan = outcome(EventContract.NEW_ACCOUNT_APPROVED, unknown);
            events.putEvents(b -> b.entries(e -> e.eventBusName("kyc-bus").source(EventTypes.SOURCE_KYC)
                    .detailType(EventTypes.NEW_ACCOUNT_APPROVED).detail(orphan.get("detail").toString())));
            String dlq = cloud.queueUrl("accounts-kyc-outcomes-dlq");
            List<String> deadLettered = new ArrayList<>();
            // Made visible again at once by each nack, it needs no visibility timeout to reach the DLQ.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(message -> {
                            deadLettered.add(message.body());
                            sqs.deleteMessage(d -> d.queueUrl(dlq).receiptHandle(message.receiptHandle()));
                        });
                return deadLettered.stream().anyMatch(body -> body.contains(unknown));
            });

            String id = submit("AfterPoison");
            JsonNode approved = outcome(EventContract.NEW_ACCOUNT_APPROVED, id);
            events.putEvents(b -> b.entries(e -> e.eventBusName("kyc-bus").source(EventTypes.SOURCE_KYC)
                    .detailType(EventTypes.NEW_ACCOUNT_APPROVED).detail(approved.get("detail").toString())));
            awaitStatus(id, "OPENED");
        }
    }

    /**
     * The database away for longer than the first four retries' waits would allow if they did not grow:
     * the outcome is delayed, never dead-lettered. On the test time scale (first retry after 2 s instead of
     * 30 s) 20 s of outage stand for the two and a half minutes the production waits bridge many times over.
     */
    @Test
    void anOutcomeArrivingWhileTheDatabaseIsDownIsAppliedOnceItIsBack() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        Assumptions.assumeTrue(url.startsWith("jdbc:h2:"), "takes the H2 database away; skipped on " + url);
        String id = submit("Outage");
        cloud.accountsEvents(id, 1, EVENT_TIMEOUT);
        // This test's local cloud dead-letters after 2 receives; the outage needs the template's default 5.
        redrive(5);
        try (Connection admin = DriverManager.getConnection(url, "sa", "");
             Statement statement = admin.createStatement();
             EventBridgeClient events = cloud.eventBridge()) {
            // Closes every other connection and refuses new ones until switched back.
            statement.execute("SET EXCLUSIVE 2");
            try {
                JsonNode approved = outcome(EventContract.NEW_ACCOUNT_APPROVED, id);
                events.putEvents(b -> b.entries(e -> e.eventBusName("kyc-bus").source(EventTypes.SOURCE_KYC)
                        .detailType(EventTypes.NEW_ACCOUNT_APPROVED).detail(approved.get("detail").toString())));
                Thread.sleep(Duration.ofSeconds(20).toMillis());
            } finally {
                statement.execute("SET EXCLUSIVE 0");
            }
        }
        try {
            awaitStatus(id, "OPENED");
        } finally {
            redrive(2);
        }
        try (SqsClient sqs = cloud.sqs()) {
            String dlq = cloud.queueUrl("accounts-kyc-outcomes-dlq");
            assertThat(sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()).noneMatch(message -> message.body().contains(id));
        }
    }

    private void redrive(int maxReceiveCount) {
        try (SqsClient sqs = cloud.sqs()) {
            String policy = "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:accounts-kyc-outcomes-dlq\","
                    + "\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
            sqs.setQueueAttributes(b -> b.queueUrl(cloud.queueUrl("accounts-kyc-outcomes"))
                    .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
        }
    }

    @Test
    void aDuplicateDeliveryOpensOneAccount() {
        String id = submit("Duplicate");
        JsonNode approved = outcome(EventContract.NEW_ACCOUNT_APPROVED, id);
        try (SqsClient sqs = cloud.sqs()) {
            String queue = cloud.queueUrl("accounts-kyc-outcomes");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(approved.toString()));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(approved.toString()));
        }
        String iban = awaitStatus(id, "OPENED").getString("accountNumber");
        await().atMost(EVENT_TIMEOUT).until(() -> ProcessedEventsProbe.count(approved.get("id").asText()) == 1);
        // The second copy is handled (or found handled) without a second account.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> ProcessedEventsProbe.accounts(UUID.fromString(id)) == 1);
        assertThat(awaitStatus(id, "OPENED").getString("accountNumber")).isEqualTo(iban);
        List<JsonNode> published = cloud.accountsEvents(id, 3, Duration.ofSeconds(5));
        assertThat(published).extracting(e -> e.get("detail-type").asText())
                .containsExactly(EventTypes.NEW_ACCOUNT_REQUESTED, EventTypes.ACCOUNT_OPENED);
    }

    @Test
    void rejectedOutcomeRecordsTheReasons() {
        String id = submit("Rejected");
        JsonNode rejected = outcome(EventContract.NEW_ACCOUNT_REJECTED, id);
        try (SqsClient sqs = cloud.sqs()) {
            sqs.sendMessage(b -> b.queueUrl(cloud.queueUrl("accounts-kyc-outcomes"))
                    .messageBody(rejected.toString()));
        }
        JsonPath application = awaitStatus(id, "REJECTED");
        assertThat(application.getString("reasons[0].code")).isEqualTo("SANCTIONS_MATCH");
        assertThat(application.getString("accountNumber")).isNull();
    }

    @Test
    void aPoisonMessageEndsInTheDeadLetterQueue() {
        String marker = "poison-" + UUID.randomUUID();
        try (SqsClient sqs = cloud.sqs()) {
            sqs.sendMessage(b -> b.queueUrl(cloud.queueUrl("accounts-kyc-outcomes"))
                    .messageBody("{\"not\": \"an event\", \"marker\": \"" + marker + "\"}"));
            String dlq = cloud.queueUrl("accounts-kyc-outcomes-dlq");
            List<String> bodies = new ArrayList<>();
            await().atMost(EVENT_TIMEOUT).until(() -> {
                sqs.receiveMessage(b -> b.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                        .forEach(m -> bodies.add(m.body()));
                return bodies.stream().anyMatch(body -> body.contains(marker));
            });
        }
        // The consumer survived: a good outcome afterwards is still handled.
        String id = submit("AfterPoison");
        try (SqsClient sqs = cloud.sqs()) {
            sqs.sendMessage(b -> b.queueUrl(cloud.queueUrl("accounts-kyc-outcomes"))
                    .messageBody(outcome(EventContract.NEW_ACCOUNT_REJECTED, id).toString()));
        }
        awaitStatus(id, "REJECTED");
    }

    @Test
    void eventsWrittenWhileTheBusIsDownArriveAfterItIsBack() {
        cloud.stop();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                ids.add(submit("Outage" + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> metric("accounts_outbox_pending") >= 3);
        } finally {
            cloud.start();
        }
        for (String id : ids) {
            List<JsonNode> events = cloud.accountsEvents(id, 1, EVENT_TIMEOUT);
            assertThat(events).extracting(e -> e.get("detail-type").asText())
                    .containsExactly(EventTypes.NEW_ACCOUNT_REQUESTED);
        }
        await().atMost(EVENT_TIMEOUT).until(() -> metric("accounts_outbox_pending") == 0);
    }

    private static String submit(String givenName) {
        return given().auth().preemptive().basic("staff", "staff").contentType(ContentType.JSON)
                .body(Requests.named(givenName).toString()).post("/applications")
                .then().statusCode(201).extract().path("id");
    }

    /** The shared sample outcome, re-addressed to {@code applicationId} under a fresh event id. */
    private static JsonNode outcome(EventContract contract, String applicationId) {
        ObjectNode event = (ObjectNode) SampleEvents.tree(contract);
        event.put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.get("detail")).put("applicationId", applicationId);
        return event;
    }

    private static JsonPath awaitStatus(String id, String status) {
        List<JsonPath> last = new ArrayList<>(1);
        await().atMost(EVENT_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonPath application = given().auth().preemptive().basic("staff", "staff")
                    .get("/applications/" + id).then().statusCode(200).extract().jsonPath();
            last.clear();
            last.add(application);
            return status.equals(application.getString("status"));
        });
        return last.get(0);
    }

    private static double metric(String name) {
        String text = given().auth().preemptive().basic("ops", "ops").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return text.lines().filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(Double.NaN);
    }
}
