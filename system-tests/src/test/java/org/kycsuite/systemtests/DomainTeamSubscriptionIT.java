package org.kycsuite.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A new consumer subscribes with one rule and one queue; no producer changes. */
@ExtendWith(RunningSuite.class)
class DomainTeamSubscriptionIT {

    @Test
    void newRuleWithAnSqsTargetReceivesTheEventsItMatches() throws Exception {
        SuiteApi api = new SuiteApi(RunningSuite.suite().settings());
        try (EventBridgeClient events = api.eventBridge(); SqsClient sqs = api.sqs()) {
            String queueUrl = sqs.createQueue(b -> b.queueName("fraud-team-approvals")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            events.putRule(b -> b.name("fraud-team-approvals").eventBusName(EventTypes.DEFAULT_BUS_NAME)
                    .eventPattern("{\"source\":[\"" + EventTypes.SOURCE_KYC + "\"],\"detail-type\":[\""
                            + EventTypes.NEW_ACCOUNT_APPROVED + "\"]}"));
            events.putTargets(b -> b.rule("fraud-team-approvals").eventBusName(EventTypes.DEFAULT_BUS_NAME)
                    .targets(Target.builder().id("fraud-queue").arn(queueArn).build()));

            String id = api.submit(Applicants.lowRisk());

            List<JsonNode> received = new ArrayList<>();
            await().atMost(SuiteApi.OUTCOME_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
                        .maxNumberOfMessages(10)).messages()) {
                    received.add(EventContracts.mapper().readTree(message.body()));
                }
                return received.stream().anyMatch(e -> id.equals(e.at("/detail/applicationId").asText()));
            });
            assertThat(received).allSatisfy(event -> {
                assertThat(event.get("detail-type").asText()).isEqualTo(EventTypes.NEW_ACCOUNT_APPROVED);
                assertThat(EventContracts.validate(EventTypes.NEW_ACCOUNT_APPROVED, event.get("detail"))).isEmpty();
            });
        }
    }
}
