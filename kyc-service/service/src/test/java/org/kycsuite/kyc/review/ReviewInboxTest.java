package org.kycsuite.kyc.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.SampleEvents;
import org.kycsuite.kyc.support.LocalCloudResource;
import org.kycsuite.support.sqs.UnprocessableMessageException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The review inbox fed by the real local cloud: the event goes on the bus, the template's rule puts it
 * on SQS {@code kyc-manual-reviews}, the connector delivers it; officers list and decide reviews.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class ReviewInboxTest {

    @Inject
    ReviewExpiry expiry;

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAVm7nXk0Yf2rJqv3dO8z1Q2eSecretTestToken";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static ObjectNode reviewDetail(UUID applicationId, String name) {
        ObjectNode detail = (ObjectNode) SampleEvents.tree(EventContract.MANUAL_REVIEW_REQUESTED).get("detail");
        return detail.put("applicationId", applicationId.toString()).put("applicantName", name)
                .put("taskToken", TOKEN + applicationId).put("requestedAt", Instant.now().toString());
    }

    private static void putOnBus(ObjectNode detail) {
        try (EventBridgeClient events = EventBridgeClient.builder()
                .endpointOverride(LocalCloudResource.cloud().edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build()) {
            var result = events.putEvents(b -> b.entries(e -> e.eventBusName(EventTypes.DEFAULT_BUS_NAME)
                    .source(EventTypes.SOURCE_KYC).detailType(EventTypes.MANUAL_REVIEW_REQUESTED)
                    .detail(detail.toString())));
            assertThat(result.failedEntryCount()).isZero();
        }
    }

    private static String awaitPendingReview(UUID applicationId) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            Response list = given().auth().preemptive().basic("officer", "officer")
                    .when().get("/reviews?status=PENDING&size=100");
            list.then().statusCode(200);
            return list.jsonPath().<String>getList("items.findAll { it.applicationId == '" + applicationId
                    + "' }.id").stream().findFirst().orElse(null);
        }, id -> id != null);
    }

    @Test
    void reviewArrivesFromTheBusWithItsFactorsButWithoutTheToken() {
        UUID applicationId = UUID.randomUUID();
        putOnBus(reviewDetail(applicationId, "Ada Lovelace"));
        String id = awaitPendingReview(applicationId);

        String body = given().auth().preemptive().basic("officer", "officer").when().get("/reviews/" + id)
                .then().statusCode(200)
                .body("applicantName", equalTo("Ada Lovelace"))
                .body("riskLevel", equalTo("MEDIUM"))
                .body("riskScore", equalTo(45))
                .body("status", equalTo("PENDING"))
                .body("factors.code", hasItem("PEP_SELF_DECLARED"))
                .body("reasons[0].code", equalTo("RISK_MEDIUM"))
                .extract().asString();
        assertThat(body).doesNotContain(TOKEN).doesNotContain("taskToken");
        given().auth().preemptive().basic("officer", "officer").when().get("/")
                .then().statusCode(200).body(containsString("Ada Lovelace")).body(not(containsString(TOKEN)));
    }

    @Inject
    ReviewInbox inbox;

    @Test
    void aReviewRequestFromAnotherSourceThanTheWorkflowIsRefusedAndStoresNothing() {
        UUID applicationId = UUID.randomUUID();
        ObjectNode event = (ObjectNode) SampleEvents.tree(EventContract.MANUAL_REVIEW_REQUESTED);
        event.put("id", UUID.randomUUID().toString()).put("source", EventTypes.SOURCE_ACCOUNTS)
                .set("detail", reviewDetail(applicationId, "Mallory Forger"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> inbox.receive(event.toString()))
                .isInstanceOf(UnprocessableMessageException.class).hasMessageContaining("only the KYC workflow");
        given().auth().preemptive().basic("officer", "officer").when().get("/reviews?size=100")
                .then().statusCode(200).body("items.applicationId", not(hasItem(applicationId.toString())));
        // the same event from the workflow is accepted
        event.put("id", UUID.randomUUID().toString()).put("source", EventTypes.SOURCE_KYC);
        inbox.receive(event.toString());
        assertThat(awaitPendingReview(applicationId)).isNotNull();
    }

    @Test
    void sameEventDeliveredTwiceMakesOneReview() {
        UUID applicationId = UUID.randomUUID();
        ObjectNode event = (ObjectNode) SampleEvents.tree(EventContract.MANUAL_REVIEW_REQUESTED);
        event.put("id", UUID.randomUUID().toString());
        event.set("detail", reviewDetail(applicationId, "Grace Hopper"));
        try (SqsClient sqs = SqsClient.builder().endpointOverride(LocalCloudResource.cloud().sqsEndpoint())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String url = LocalCloudResource.cloud().queueUrl("kyc-manual-reviews");
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(event.toString()));
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(event.toString()));
        }
        awaitPendingReview(applicationId);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                QuarkusTransaction.requiringNew().call(() -> Review.count("applicationId", applicationId)) == 1);
    }

    @Test
    void metricsAndTheApiDescriptionNeedThePlatformOperatorRole() {
        given().when().get("/q/metrics").then().statusCode(401);
        given().auth().preemptive().basic("officer", "officer").when().get("/q/openapi").then().statusCode(403);
        given().auth().preemptive().basic("ops", "ops").when().get("/q/openapi").then().statusCode(200)
                .body(containsString("/reviews"));
        given().auth().preemptive().basic("ops", "ops").when().get("/q/metrics").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void decisionsNeedTheComplianceOfficerRole() {
        given().when().get("/reviews").then().statusCode(401);
        given().auth().preemptive().basic("agent", "agent").when().get("/reviews").then().statusCode(403);
        given().auth().preemptive().basic("staff", "staff").contentType(ContentType.JSON)
                .body("{\"decision\":\"APPROVE\"}").when().post("/reviews/" + UUID.randomUUID() + "/decision")
                .then().statusCode(403);
        given().when().get("/").then().statusCode(401);
    }

    @Test
    void decisionOnADeadTokenIsGoneAndExpiresTheReview() {
        UUID applicationId = UUID.randomUUID();
        putOnBus(reviewDetail(applicationId, "Alan Turing"));
        String id = awaitPendingReview(applicationId);

        // No workflow waits for this token: Step Functions refuses it, so nothing is approved.
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                .body("{\"decision\":\"APPROVE\",\"note\":\"ok\"}").when().post("/reviews/" + id + "/decision")
                .then().statusCode(410).contentType("application/problem+json");
        given().auth().preemptive().basic("officer", "officer").when().get("/reviews/" + id)
                .then().statusCode(200).body("status", equalTo("EXPIRED"));
    }

    @Test
    void pendingReviewWhoseWorkflowNoLongerWaitsShowsAsExpired() {
        UUID applicationId = UUID.randomUUID();
        putOnBus(reviewDetail(applicationId, "Grace Hopper"));
        String id = awaitPendingReview(applicationId);

        assertThat(expiry.expireTimedOut()).isPositive();

        given().auth().preemptive().basic("officer", "officer").when().get("/reviews/" + id)
                .then().statusCode(200).body("status", equalTo("EXPIRED"));
    }

    @Test
    void secondDecisionIsAConflictAndBadInputIsAProblem() {
        UUID applicationId = UUID.randomUUID();
        putOnBus(reviewDetail(applicationId, "Katherine Johnson"));
        String id = awaitPendingReview(applicationId);
        QuarkusTransaction.requiringNew().run(() -> Review.<Review>findById(UUID.fromString(id))
                .decide(Review.Status.APPROVED, "another-officer", null, Instant.now()));

        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                .body("{\"decision\":\"REJECT\"}").when().post("/reviews/" + id + "/decision")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                .body("{\"decision\":\"MAYBE\"}").when().post("/reviews/" + id + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("decision"));
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                .body("{\"decision\":\"APPROVE\"}").when().post("/reviews/" + UUID.randomUUID() + "/decision")
                .then().statusCode(404);
        given().auth().preemptive().basic("officer", "officer").when().get("/reviews?status=APPROVED&size=100")
                .then().statusCode(200).body("items.id", hasItem(id));
    }

    @Inject
    ReviewDecisions decisions;

    @Inject
    ReviewRedelivery redelivery;

    /** Starts a workflow that publishes a real review request and waits for its token; returns the execution. */
    private static String startWaitingWorkflow(SfnClient sfn, UUID applicationId, String name) {
        ObjectNode detail = reviewDetail(applicationId, name);
        detail.remove("taskToken");
        detail.put("taskToken.$", "$$.Task.Token");
        ObjectNode definition = EventContracts.mapper().createObjectNode().put("StartAt", "Review");
        ObjectNode review = definition.putObject("States").putObject("Review").put("Type", "Task")
                .put("Resource", "arn:aws:states:::events:putEvents.waitForTaskToken").put("End", true);
        review.putObject("Parameters").putArray("Entries").addObject()
                .put("EventBusName", EventTypes.DEFAULT_BUS_NAME).put("Source", EventTypes.SOURCE_KYC)
                .put("DetailType", EventTypes.MANUAL_REVIEW_REQUESTED).set("Detail", detail);
        String machine = sfn.createStateMachine(b -> b.name("review-" + applicationId.toString().substring(0, 8))
                .definition(definition.toString()).roleArn("arn:aws:iam::000000000000:role/test"))
                .stateMachineArn();
        return sfn.startExecution(b -> b.stateMachineArn(machine).input("{}")).executionArn();
    }

    private static SfnClient sfn() {
        return SfnClient.builder().endpointOverride(LocalCloudResource.cloud().edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static String awaitOutput(SfnClient sfn, String execution) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.RUNNING);
        var done = sfn.describeExecution(b -> b.executionArn(execution));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        return done.output();
    }

    @Test
    void aDecisionTheWorkflowTookIsNeverMarkedExpiredWhenItIsSentAgain() {
        try (SfnClient sfn = sfn()) {
            UUID applicationId = UUID.randomUUID();
            String execution = startWaitingWorkflow(sfn, applicationId, "Mary Jackson");
            UUID id = UUID.fromString(awaitPendingReview(applicationId));
            String token = QuarkusTransaction.requiringNew().call(() -> Review.<Review>findById(id).taskToken);

            given().auth().preemptive().basic("officer", "officer").contentType(ContentType.JSON)
                    .body("{\"decision\":\"APPROVE\",\"note\":\"documents verified\"}")
                    .when().post("/reviews/" + id + "/decision")
                    .then().statusCode(200).body("status", equalTo("APPROVED")).body("delivery", equalTo("DELIVERED"));
            assertThat(awaitOutput(sfn, execution)).contains("\"decision\":\"APPROVE\"");

            // As if the commit after SendTaskSuccess had failed: the decision is sent again, Step Functions
            // refuses the used token. The decision stands; it must not turn into EXPIRED.
            QuarkusTransaction.requiringNew().run(() -> {
                Review review = Review.findById(id);
                review.delivery = Review.Delivery.PENDING;
                review.taskToken = token;
            });
            Review after = decisions.deliver(id);
            assertThat(after.status).isEqualTo(Review.Status.APPROVED);
            assertThat(after.delivery).isEqualTo(Review.Delivery.REFUSED);
            assertThat(after.decidedBy).isEqualTo("officer");
            assertThat(after.deliveryAttempts).isEqualTo(2);
        }
    }

    @Test
    void aRecordedDecisionStepFunctionsDidNotTakeIsSentAgainLater() {
        try (SfnClient sfn = sfn()) {
            UUID applicationId = UUID.randomUUID();
            String execution = startWaitingWorkflow(sfn, applicationId, "Dorothy Vaughan");
            UUID id = UUID.fromString(awaitPendingReview(applicationId));
            // recorded a minute ago, never sent (Step Functions was unreachable, or the service stopped)
            QuarkusTransaction.requiringNew().run(() -> Review.<Review>findById(id)
                    .decide(Review.Status.REJECTED, "officer", "address unverifiable", Instant.now().minusSeconds(60)));

            assertThat(redelivery.deliverRecorded()).isPositive();

            Review after = QuarkusTransaction.requiringNew().call(() -> Review.<Review>findById(id));
            assertThat(after.status).isEqualTo(Review.Status.REJECTED);
            assertThat(after.delivery).isEqualTo(Review.Delivery.DELIVERED);
            assertThat(after.taskToken).isNull();
            assertThat(awaitOutput(sfn, execution)).contains("\"decision\":\"REJECT\"")
                    .contains("address unverifiable");
        }
    }

    @Test
    void theReviewPagesDecisionFormNeedsItsCsrfToken() {
        UUID applicationId = UUID.randomUUID();
        putOnBus(reviewDetail(applicationId, "Hedy Lamarr"));
        String id = awaitPendingReview(applicationId);

        // a form posted from another site carries the officer's credentials but not the page's token
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.URLENC)
                .formParam("decision", "APPROVE").formParam("note", "forged")
                .when().post("/ui/reviews/" + id + "/decision").then().statusCode(400);
        given().auth().preemptive().basic("officer", "officer").when().get("/reviews/" + id)
                .then().statusCode(200).body("status", equalTo("PENDING"));

        Response page = given().auth().preemptive().basic("officer", "officer").when().get("/");
        page.then().statusCode(200);
        String token = page.getCookie("csrf-token");
        assertThat(token).isNotBlank();
        assertThat(page.asString()).contains("name=\"csrf-token\"");
        given().auth().preemptive().basic("officer", "officer").contentType(ContentType.URLENC)
                .redirects().follow(false).cookie("csrf-token", token)
                .formParam("csrf-token", hiddenToken(page.asString()))
                .formParam("decision", "APPROVE").formParam("note", "from the page")
                .when().post("/ui/reviews/" + id + "/decision").then().statusCode(303);
        // no workflow waits for this test token, so the decision ends as EXPIRED: it was taken and sent
        given().auth().preemptive().basic("officer", "officer").when().get("/reviews/" + id)
                .then().statusCode(200).body("status", equalTo("EXPIRED")).body("decidedBy", equalTo("officer"));
    }

    private static String hiddenToken(String html) {
        var matcher = java.util.regex.Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(html);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
