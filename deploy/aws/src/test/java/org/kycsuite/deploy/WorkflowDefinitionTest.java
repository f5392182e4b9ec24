package org.kycsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.SampleEvents;

/**
 * The KYC workflow's ASL against the workflow contract and the event catalog: the strings it
 * publishes, what it sends to the handlers, and every detail it builds itself.
 */
class WorkflowDefinitionTest {

    private static final List<String> TRANSIENT_LAMBDA_ERRORS = List.of("Lambda.ServiceException",
            "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException",
            "States.Timeout");
    private static final String TASK_TOKEN = "token-for-the-test";

    private final WorkflowDefinition workflow = WorkflowDefinition.load();
    private final SamTemplate template = SamTemplate.load();
    private final Map<String, String> context = Map.of("$$.Task.Token", TASK_TOKEN,
            "$$.State.EnteredTime", Instant.parse("2026-11-20T09:15:04.627Z").toString());

    @Test
    void publishesOnlyTheSharedEventsSourcesAndDetailTypesOnTheSubstitutedBus() {
        Map<String, JsonNode> entries = workflow.eventEntries();
        assertThat(entries).hasSize(5);
        Set<String> published = new HashSet<>();
        entries.forEach((where, entry) -> {
            String source = entry.path("Source").asText();
            String detailType = entry.path("DetailType").asText();
            assertThat(EventContract.forDetailType(detailType)).as(where).hasValueSatisfying(contract ->
                    assertThat(contract.source()).as(where).isEqualTo(source));
            assertThat(entry.path("EventBusName").asText()).as(where).isEqualTo("${EventBusName}");
            published.add(detailType);
        });
        assertThat(published).containsExactlyInAnyOrder(EventContract.IDENTITY_CHECK_COMPLETED.detailType(),
                EventContract.MANUAL_REVIEW_REQUESTED.detailType(), EventContract.NEW_ACCOUNT_APPROVED.detailType(),
                EventContract.NEW_ACCOUNT_REJECTED.detailType());
    }

    @Test
    void writesNoArnsOrNamesButTheTemplatesSubstitutions() {
        Set<String> placeholders = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(workflow.text());
        while (matcher.find()) {
            placeholders.add(matcher.group(1));
        }
        Set<String> substitutions = new TreeSet<>();
        template.properties("KycWorkflow").path("DefinitionSubstitutions").fieldNames()
                .forEachRemaining(substitutions::add);

        assertThat(placeholders).isEqualTo(substitutions);
        assertThat(workflow.text()).doesNotContain("arn:aws:lambda", "arn:aws:events", "kyc-bus", "identity-check",
                "risk-assessment", "000000000000");
        workflow.states().forEach((name, state) -> {
            if (state.has("Resource")) {
                assertThat(state.path("Resource").asText()).as(name).startsWith("arn:aws:states:::");
            }
        });
        assertThat(workflow.state("VerifyIdentity").at("/Parameters/FunctionName").asText())
                .isEqualTo("${IdentityCheckFunctionArn}");
        assertThat(workflow.state("AssessRisk").at("/Parameters/FunctionName").asText())
                .isEqualTo("${RiskAssessmentFunctionArn}");
    }

    @Test
    void handlerTasksRetryTransientErrorsBrieflyThenHandTheApplicationToAPerson() {
        for (String task : List.of("VerifyIdentity", "AssessRisk")) {
            JsonNode state = workflow.state(task);
            assertThat(state.path("Resource").asText()).isEqualTo("arn:aws:states:::lambda:invoke");
            JsonNode retry = state.path("Retry").get(0);
            List<String> errors = new ArrayList<>();
            retry.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
            assertThat(errors).as(task).containsExactlyInAnyOrderElementsOf(TRANSIENT_LAMBDA_ERRORS);
            double wait = 0;
            for (int attempt = 0; attempt < retry.path("MaxAttempts").asInt(); attempt++) {
                wait += retry.path("IntervalSeconds").asInt() * Math.pow(retry.path("BackoffRate").asDouble(), attempt);
            }
            assertThat(retry.path("BackoffRate").asDouble()).as(task).isGreaterThan(1);
            assertThat(wait).as(task + " total retry wait in seconds").isBetween(5.0, 30.0);

            JsonNode katch = state.path("Catch").get(0);
            assertThat(katch.path("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
            assertThat(katch.path("ResultPath").asText()).isEqualTo("$.failure");
            JsonNode next = workflow.state(katch.path("Next").asText());
            assertThat(next.path("Next").asText()).as(task).isEqualTo("RequestManualReviewAfterFailure");
        }
        assertThat(workflow.state("RequestManualReviewAfterFailure").path("Resource").asText())
                .isEqualTo("arn:aws:states:::events:putEvents.waitForTaskToken");
        assertThat(workflow.state("RiskOutcome").path("Default").asText()).isEqualTo("RiskAssessmentUnavailable");
    }

    @Test
    void sendsTheHandlersTheContractsPayloads() {
        JsonNode input = executionInput();
        JsonNode identityPayload = WorkflowDefinition.evaluate(
                workflow.state("VerifyIdentity").at("/Parameters/Payload"), input, context);
        assertThat(identityPayload.path("applicationId").asText())
                .isEqualTo(input.at("/detail/applicationId").asText());
        assertThat(identityPayload.path("requestedAt").asText()).isEqualTo(input.path("time").asText());
        assertThat(EventContracts.validate(EventContract.NEW_ACCOUNT_REQUESTED.detailType(),
                identityPayload.path("application"))).isEmpty();

        ObjectNode afterIdentity = input.deepCopy();
        afterIdentity.putObject("identity").set("detail", sampleDetail(EventContract.IDENTITY_CHECK_COMPLETED));
        JsonNode riskPayload = WorkflowDefinition.evaluate(workflow.state("AssessRisk").at("/Parameters/Payload"),
                afterIdentity, context);
        assertThat(riskPayload.path("application")).isEqualTo(input.path("detail"));
        assertThat(riskPayload.path("identity")).isEqualTo(sampleDetail(EventContract.IDENTITY_CHECK_COMPLETED));
    }

    @Test
    void theReviewRequestCarriesTheRiskReviewAndTheTaskTokenAsTheSchemaDemands() {
        ObjectNode review = (ObjectNode) sampleDetail(EventContract.MANUAL_REVIEW_REQUESTED);
        review.remove("taskToken");
        ObjectNode input = executionInput();
        ObjectNode risk = input.putObject("risk").put("riskLevel", "MEDIUM").put("riskScore", 45)
                .put("outcome", "REVIEW");
        risk.set("review", review);

        JsonNode detail = detailOf("RequestManualReview", input);

        assertThat(EventContracts.validate(EventContract.MANUAL_REVIEW_REQUESTED.detailType(), detail)).isEmpty();
        ObjectNode expected = review.deepCopy().put("taskToken", TASK_TOKEN);
        assertThat(detail).isEqualTo(expected);
    }

    @Test
    void aCheckThatStaysUnavailableRequestsAReviewWithReasonCheckUnavailable() {
        ObjectNode afterIdentity = executionInput();
        afterIdentity.putObject("identity").set("detail", sampleDetail(EventContract.IDENTITY_CHECK_COMPLETED));
        for (String unavailable : List.of("IdentityCheckUnavailable", "RiskAssessmentUnavailable")) {
            ObjectNode input = afterIdentity.deepCopy();
            input.set("pendingReview", WorkflowDefinition.evaluate(workflow.state(unavailable).path("Parameters"),
                    input, context));

            JsonNode detail = detailOf("RequestManualReviewAfterFailure", input);

            assertThat(EventContracts.validate(EventContract.MANUAL_REVIEW_REQUESTED.detailType(), detail))
                    .as(unavailable).isEmpty();
            assertThat(detail.at("/reasons/0/code").asText()).isEqualTo("CHECK_UNAVAILABLE");
            assertThat(detail.path("applicantName").asText()).isEqualTo("Ada Lovelace");
            assertThat(detail.path("taskToken").asText()).isEqualTo(TASK_TOKEN);
        }
    }

    @Test
    void anUndecidedReviewTimesOutFromTheTemplateParameterIntoARejectionBuiltHere() {
        assertThat(workflow.state("LoadSettings").at("/Parameters/reviewTimeoutSeconds.$").asText())
                .isEqualTo("States.StringToJson('${ReviewTimeoutSeconds}')");
        for (String review : List.of("RequestManualReview", "RequestManualReviewAfterFailure")) {
            JsonNode state = workflow.state(review);
            assertThat(state.path("TimeoutSecondsPath").asText()).isEqualTo("$.settings.reviewTimeoutSeconds");
            assertThat(state.at("/Catch/0/ErrorEquals/0").asText()).isEqualTo("States.Timeout");
            assertThat(state.at("/Catch/0/Next").asText()).isEqualTo("ReviewTimedOut");
            assertThat(state.path("ResultPath").asText()).isEqualTo("$.review");
            assertThat(state.path("Next").asText()).isEqualTo("ReviewDecision");
        }
        JsonNode timedOut = workflow.state("ReviewTimedOut");
        JsonNode outcome = WorkflowDefinition.evaluate(timedOut.path("Parameters"), executionInput(), context);

        assertThat(EventContracts.validate(EventContract.NEW_ACCOUNT_REJECTED.detailType(), outcome.path("detail")))
                .isEmpty();
        assertThat(outcome.at("/detail/reasons/0/code").asText()).isEqualTo("REVIEW_TIMED_OUT");
        assertThat(outcome.at("/detail/decidedBy").asText()).isEqualTo("automatic");
        assertThat(timedOut.path("Next").asText()).isEqualTo("PublishRejected");
    }

    @Test
    void everyOutcomeIsPublishedFromTheDetailTheContractNames() {
        Map<String, String> outcomes = Map.of("IdentityRejected", "$.identity.rejection",
                "RiskApproved", "$.risk.approval", "RiskRejected", "$.risk.rejection",
                "ReviewApproved", "$.review.detail", "ReviewRejected", "$.review.detail");
        outcomes.forEach((state, path) -> {
            assertThat(workflow.state(state).at("/Parameters/detail.$").asText()).as(state).isEqualTo(path);
            assertThat(workflow.state(state).path("ResultPath").asText()).as(state).isEqualTo("$.outcome");
        });
        assertThat(workflow.state("IdentityRejected").path("Next").asText()).isEqualTo("PublishRejected");
        assertThat(workflow.state("RiskApproved").path("Next").asText()).isEqualTo("PublishApproved");
        assertThat(workflow.state("ReviewApproved").path("Next").asText()).isEqualTo("PublishApproved");
        assertThat(workflow.state("ReviewRejected").path("Next").asText()).isEqualTo("PublishRejected");
        assertThat(workflow.state("PublishIdentityCheckCompleted").at("/Parameters/Entries/0/Detail.$").asText())
                .isEqualTo("$.identity.detail");
        for (String publish : List.of("PublishApproved", "PublishRejected")) {
            assertThat(workflow.state(publish).at("/Parameters/Entries/0/Detail.$").asText())
                    .isEqualTo("$.outcome.detail");
        }
        JsonNode failed = workflow.state("IdentityOutcome").at("/Choices/0");
        assertThat(failed.path("Variable").asText()).isEqualTo("$.identity.detail.result");
        assertThat(failed.path("StringEquals").asText()).isEqualTo("FAILED");
    }

    private JsonNode detailOf(String state, JsonNode input) {
        return WorkflowDefinition.evaluate(workflow.state(state).at("/Parameters/Entries/0/Detail"), input, context);
    }

    private static ObjectNode executionInput() {
        return (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REQUESTED);
    }

    private static JsonNode sampleDetail(EventContract contract) {
        return SampleEvents.tree(contract).path("detail");
    }
}
