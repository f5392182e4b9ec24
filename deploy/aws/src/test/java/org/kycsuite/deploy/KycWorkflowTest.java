package org.kycsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kycsuite.deploy.HandlerScript.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.deploy.HandlerScript.Scenario;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.SampleEvents;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real ASL, provisioned from template.yaml into a local cloud, run end to end: a "New account
 * requested" event on the bus starts it through the start rule; the handlers are HTTP doubles on
 * Lambda's Invoke path; outcomes are read from an SQS queue a rule subscribes to the bus, review
 * requests from kyc-manual-reviews, as the services read them.
 */
class KycWorkflowTest {

    private static final int REVIEW_TIMEOUT_SECONDS = 6;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:kyc-workflow-test";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private static final HandlerScript SCRIPT = new HandlerScript();
    @TempDir
    static Path dataDir;
    private static FunctionDouble identityCheck;
    private static FunctionDouble riskAssessment;
    private static LocalCloud cloud;
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static SfnClient sfn;
    private static EventInbox outcomes;
    private static EventInbox reviews;

    @BeforeAll
    static void startLocalCloudWithTheTemplate() throws Exception {
        identityCheck = FunctionDouble.start("identity-check", SCRIPT::identityCheck);
        riskAssessment = FunctionDouble.start("risk-assessment", SCRIPT::riskAssessment);
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir)
                .withTemplate(SamTemplate.TEMPLATE, Map.of("Stage", "test",
                        "ReviewTimeoutSeconds", String.valueOf(REVIEW_TIMEOUT_SECONDS)))
                .withFunctionUrls(Map.of("identity-check", identityCheck.url(),
                        "risk-assessment", riskAssessment.url())));
        events = EventBridgeClient.builder().endpointOverride(cloud.edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sfn = SfnClient.builder().endpointOverride(cloud.edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(cloud.sqsEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();

        // A domain team's subscription: one queue, one rule on the bus, no producer change.
        String observer = sqs.createQueue(b -> b.queueName("workflow-test-observer")).queueUrl();
        String observerArn = sqs.getQueueAttributes(b -> b.queueUrl(observer)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.name("kyc-events-to-workflow-test").eventBusName(EventTypes.DEFAULT_BUS_NAME)
                .eventPattern("{\"source\":[\"" + EventTypes.SOURCE_KYC + "\"]}"));
        events.putTargets(b -> b.rule("kyc-events-to-workflow-test").eventBusName(EventTypes.DEFAULT_BUS_NAME)
                .targets(t -> t.id("observer").arn(observerArn)));
        outcomes = new EventInbox(sqs, observer);
        assertThat(sfn.listStateMachines(b -> { }).stateMachines()).extracting(m -> m.stateMachineArn())
                .contains(STATE_MACHINE);
        reviews = new EventInbox(sqs, cloud.queueUrl("kyc-manual-reviews"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {events, sfn, sqs, cloud, identityCheck, riskAssessment}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void lowRiskIsApprovedAutomatically() {
        String applicationId = submit(Scenario.LOW_RISK);

        JsonNode identity = outcomes.await(applicationId, EventTypes.IDENTITY_CHECK_COMPLETED, WAIT);
        JsonNode approved = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_APPROVED, WAIT);

        assertThat(identity.path("source").asText()).isEqualTo(EventTypes.SOURCE_KYC);
        assertThat(identity.path("detail")).isEqualTo(HandlerScript.identityDetail(applicationId));
        assertThat(approved.at("/detail/decidedBy").asText()).isEqualTo("automatic");
        assertThat(approved.at("/detail/riskLevel").asText()).isEqualTo("LOW");
        JsonNode identityRequest = identityCheck.requests().stream()
                .filter(r -> applicationId.equals(r.path("applicationId").asText())).findFirst().orElseThrow();
        assertThat(identityRequest.path("requestedAt").asText()).isEqualTo("2026-11-20T09:15:02Z");
        assertThat(identityRequest.path("application")).isEqualTo(request(applicationId).path("detail"));
        JsonNode riskRequest = riskAssessment.requests().stream()
                .filter(r -> applicationId.equals(FunctionDouble.applicationIdOf(r))).findFirst().orElseThrow();
        assertThat(riskRequest.path("identity")).isEqualTo(identity.path("detail"));
        awaitStatus(applicationId, ExecutionStatus.SUCCEEDED);
        assertThat(outcomes.detailTypesFor(applicationId, Duration.ofMillis(500))).containsExactly(
                EventTypes.IDENTITY_CHECK_COMPLETED, EventTypes.NEW_ACCOUNT_APPROVED);
        assertThat(statesEntered(applicationId)).containsExactly("LoadSettings", "VerifyIdentity",
                "KeepIdentityResult", "PublishIdentityCheckCompleted", "IdentityOutcome", "AssessRisk",
                "KeepRiskResult", "RiskOutcome", "RiskApproved", "PublishApproved");
    }

    @Test
    void highRiskIsRejectedAutomatically() {
        String applicationId = submit(Scenario.HIGH_RISK);

        JsonNode rejected = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_REJECTED, WAIT);

        assertThat(rejected.at("/detail/reasons/0/code").asText()).isEqualTo("RISK_HIGH");
        awaitStatus(applicationId, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aFailedIdentityCheckIsRejectedWithoutAssessingRisk() {
        String applicationId = submit(Scenario.IDENTITY_FAILED);

        JsonNode identity = outcomes.await(applicationId, EventTypes.IDENTITY_CHECK_COMPLETED, WAIT);
        JsonNode rejected = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_REJECTED, WAIT);

        assertThat(identity.at("/detail/result").asText()).isEqualTo("FAILED");
        assertThat(rejected.path("detail")).isEqualTo(sample(EventContract.NEW_ACCOUNT_REJECTED, applicationId));
        assertThat(riskAssessment.callsFor(applicationId)).isZero();
        awaitStatus(applicationId, ExecutionStatus.SUCCEEDED);
        assertThat(statesEntered(applicationId)).contains("IdentityRejected", "PublishRejected")
                .doesNotContain("AssessRisk");
    }

    @Test
    void mediumRiskWaitsForTheComplianceOfficerWhoApproves() {
        String applicationId = submit(Scenario.MEDIUM_RISK);
        JsonNode review = reviews.await(applicationId, EventTypes.MANUAL_REVIEW_REQUESTED, WAIT);
        assertThat(execution(applicationId).status()).isEqualTo(ExecutionStatus.RUNNING);

        ObjectNode approval = sample(EventContract.NEW_ACCOUNT_APPROVED, applicationId).put("decidedBy", "officer");
        decide(review, "APPROVE", approval);

        JsonNode approved = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_APPROVED, WAIT);
        assertThat(approved.path("detail")).isEqualTo(approval);
        assertThat(review.at("/detail/riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(review.at("/detail/reasons/0/code").asText()).isEqualTo("RISK_MEDIUM");
        awaitStatus(applicationId, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aDecisionNamingAnotherApplicationIsNeverPublished() {
        String applicationId = submit(Scenario.MEDIUM_RISK);
        JsonNode review = reviews.await(applicationId, EventTypes.MANUAL_REVIEW_REQUESTED, WAIT);
        String other = java.util.UUID.randomUUID().toString();

        decide(review, "APPROVE", sample(EventContract.NEW_ACCOUNT_APPROVED, other).put("decidedBy", "officer"));

        awaitStatus(applicationId, ExecutionStatus.FAILED);
        String arn = execution(applicationId).executionArn();
        assertThat(sfn.describeExecution(b -> b.executionArn(arn)).error()).isEqualTo("ReviewForAnotherApplication");
        assertThat(outcomes.detailTypesFor(other, Duration.ofMillis(500))).isEmpty();
        assertThat(outcomes.detailTypesFor(applicationId, Duration.ofMillis(500)))
                .doesNotContain(EventTypes.NEW_ACCOUNT_APPROVED, EventTypes.NEW_ACCOUNT_REJECTED);
    }

    @Test
    void mediumRiskWaitsForTheComplianceOfficerWhoRejects() {
        String applicationId = submit(Scenario.MEDIUM_RISK);
        JsonNode review = reviews.await(applicationId, EventTypes.MANUAL_REVIEW_REQUESTED, WAIT);

        ObjectNode rejection = sample(EventContract.NEW_ACCOUNT_REJECTED, applicationId).put("decidedBy", "officer");
        rejection.putArray("reasons").addObject().put("code", "REVIEWER_REJECTED")
                .put("text", "Source of funds not documented");
        decide(review, "REJECT", rejection);

        JsonNode rejected = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_REJECTED, WAIT);
        assertThat(rejected.path("detail")).isEqualTo(rejection);
        assertThat(outcomes.detailTypesFor(applicationId, Duration.ofMillis(500)))
                .doesNotContain(EventTypes.NEW_ACCOUNT_APPROVED);
    }

    @Test
    void aReviewNobodyDecidesInTimeIsRejectedAsTimedOut() {
        String applicationId = submit(Scenario.MEDIUM_RISK);
        JsonNode review = reviews.await(applicationId, EventTypes.MANUAL_REVIEW_REQUESTED, WAIT);

        JsonNode rejected = outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_REJECTED, WAIT);

        assertThat(rejected.at("/detail/reasons/0/code").asText()).isEqualTo("REVIEW_TIMED_OUT");
        assertThat(rejected.at("/detail/decidedBy").asText()).isEqualTo("automatic");
        assertThat(statesEntered(applicationId)).containsSubsequence("RequestManualReview", "ReviewTimedOut",
                "PublishRejected");
        assertThatThrownBy(() -> decide(review, "APPROVE", sample(EventContract.NEW_ACCOUNT_APPROVED, applicationId)))
                .isInstanceOfSatisfying(SfnException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isIn("TaskTimedOut", "TaskDoesNotExist"));
        awaitStatus(applicationId, ExecutionStatus.SUCCEEDED);
    }

    @Test
    void aHandlerFailingTransientlyIsRetriedWithBackoff() {
        String applicationId = submit(Scenario.IDENTITY_FLAKY);

        outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_APPROVED, WAIT);

        assertThat(identityCheck.callsFor(applicationId)).isEqualTo(HandlerScript.FLAKY_FAILURES + 1);
        List<HistoryEvent> history = sfn.getExecutionHistory(b -> b.executionArn(execution(applicationId)
                .executionArn())).events();
        assertThat(history.stream().filter(e -> "TaskFailed".equals(e.typeAsString())).count())
                .isEqualTo(HandlerScript.FLAKY_FAILURES);
    }

    @Test
    void aHandlerThatKeepsFailingHandsTheApplicationToAPersonNotToARejection() {
        String applicationId = submit(Scenario.IDENTITY_DOWN);

        JsonNode review = reviews.await(applicationId, EventTypes.MANUAL_REVIEW_REQUESTED, Duration.ofSeconds(40));

        assertThat(review.at("/detail/reasons/0/code").asText()).isEqualTo("CHECK_UNAVAILABLE");
        assertThat(review.at("/detail/applicantName").asText()).isEqualTo("Ada Lovelace");
        assertThat(identityCheck.callsFor(applicationId)).isEqualTo(4);
        assertThat(outcomes.detailTypesFor(applicationId, Duration.ofMillis(500)))
                .containsExactly(EventTypes.MANUAL_REVIEW_REQUESTED);
        ObjectNode approval = sample(EventContract.NEW_ACCOUNT_APPROVED, applicationId).put("decidedBy", "officer");
        decide(review, "APPROVE", approval);
        assertThat(outcomes.await(applicationId, EventTypes.NEW_ACCOUNT_APPROVED, WAIT).path("detail"))
                .isEqualTo(approval);
        assertThat(statesEntered(applicationId)).containsSubsequence("VerifyIdentity", "IdentityCheckUnavailable",
                "RequestManualReviewAfterFailure", "ReviewDecision", "ReviewApproved", "PublishApproved")
                .doesNotContain("PublishRejected", "AssessRisk");
    }

    /** Puts a "New account requested" for a new application on the bus, as accounts-service does. */
    private static String submit(Scenario scenario) {
        String applicationId = UUID.randomUUID().toString();
        SCRIPT.expect(applicationId, scenario);
        JsonNode event = request(applicationId);
        var result = events.putEvents(b -> b.entries(e -> e.eventBusName(EventTypes.DEFAULT_BUS_NAME)
                .source(event.path("source").asText()).detailType(event.path("detail-type").asText())
                .time(Instant.parse(event.path("time").asText())).detail(event.path("detail").toString())));
        assertThat(result.failedEntryCount()).isZero();
        return applicationId;
    }

    private static JsonNode request(String applicationId) {
        ObjectNode event = (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REQUESTED);
        ((ObjectNode) event.get("detail")).put("applicationId", applicationId);
        return event;
    }

    /** What kyc-service sends when the officer decides. */
    private static void decide(JsonNode review, String decision, ObjectNode detail) {
        ObjectNode output = SamTemplate.JSON.createObjectNode().put("decision", decision);
        output.set("detail", detail);
        sfn.sendTaskSuccess(b -> b.taskToken(review.at("/detail/taskToken").asText()).output(output.toString()));
    }

    private static ExecutionListItem execution(String applicationId) {
        for (ExecutionListItem item : sfn.listExecutionsPaginator(b -> b.stateMachineArn(STATE_MACHINE)).executions()) {
            String input = sfn.describeExecution(b -> b.executionArn(item.executionArn())).input();
            if (input.contains(applicationId)) {
                return item;
            }
        }
        throw new AssertionError("No execution for " + applicationId);
    }

    /** The names of the states the application's execution entered, in order. */
    private static List<String> statesEntered(String applicationId) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution(applicationId).executionArn()))
                .events().stream().filter(event -> event.stateEnteredEventDetails() != null)
                .map(event -> event.stateEnteredEventDetails().name()).toList();
    }

    private static void awaitStatus(String applicationId, ExecutionStatus status) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (execution(applicationId).status() != status && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(execution(applicationId).status()).isEqualTo(status);
    }
}
