package org.kycsuite.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The suite's own deploy/aws/template.yaml, provisioned into a local cloud. */
class TemplateProvisioningTest {

    static final Path TEMPLATE = Path.of("..", "aws", "template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void provisionsTheBusQueuesRulesAndArchiveAndRoutesAsDesigned() throws Exception {
        LocalCloudConfig config = LocalCloudConfig.ephemeral(dataDir)
                .withTemplate(TEMPLATE, Map.of("MaxReceiveCount", "2"));
        try (LocalCloud cloud = LocalCloud.start(config);
             EventBridgeClient events = Clients.eventBridge(cloud);
             SqsClient sqs = Clients.sqs(cloud)) {
            assertThat(events.listRules(b -> b.eventBusName("kyc-bus")).rules()).extracting(Rule::name)
                    .containsExactlyInAnyOrder("start-kyc-on-new-account", "kyc-outcomes-to-accounts",
                            "all-kyc-events-to-cs", "manual-reviews-to-compliance");
            Target target = events.listTargetsByRule(b -> b.rule("kyc-outcomes-to-accounts")
                    .eventBusName("kyc-bus")).targets().get(0);
            assertThat(target.arn()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:accounts-kyc-outcomes");
            assertThat(target.retryPolicy().maximumRetryAttempts()).isEqualTo(185);
            assertThat(target.deadLetterConfig().arn())
                    .isEqualTo("arn:aws:sqs:us-east-1:000000000000:kyc-bus-delivery-dlq");
            assertThat(events.describeArchive(b -> b.archiveName("kyc-bus-archive")).eventSourceArn())
                    .isEqualTo("arn:aws:events:us-east-1:000000000000:event-bus/kyc-bus");
            String redrive = sqs.getQueueAttributes(b -> b.queueUrl(cloud.queueUrl("accounts-kyc-outcomes"))
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY);
            assertThat(JSON.readTree(redrive).get("deadLetterTargetArn").asText())
                    .isEqualTo("arn:aws:sqs:us-east-1:000000000000:accounts-kyc-outcomes-dlq");
            assertThat(JSON.readTree(redrive).get("maxReceiveCount").asInt()).isEqualTo(2);

            events.putEvents(b -> b.entries(e -> e.eventBusName("kyc-bus").source("bank.kyc")
                    .detailType("New account approved").detail("{\"applicationId\":\"a-1\"}")));

            assertThat(Clients.receive(sqs, cloud.queueUrl("customer-service-events"), 1, Duration.ofSeconds(10)))
                    .hasSize(1);
            assertThat(Clients.receive(sqs, cloud.queueUrl("kyc-manual-reviews"), 1, Duration.ofSeconds(2)))
                    .isEmpty();
            assertPoisonMessageEndsInTheDeadLetterQueue(sqs, cloud);
        }
    }

    @Test
    void provisioningAgainOnTheSameDataIsIdempotent() {
        LocalCloudConfig config = LocalCloudConfig.ephemeral(dataDir).withTemplate(TEMPLATE, Map.of());
        LocalCloud.start(config).close();
        try (LocalCloud again = LocalCloud.start(config); EventBridgeClient events = Clients.eventBridge(again)) {
            assertThat(events.listTargetsByRule(b -> b.rule("all-kyc-events-to-cs").eventBusName("kyc-bus"))
                    .targets()).hasSize(1);
            assertThat(events.listArchives(b -> b.namePrefix("kyc-bus")).archives()).hasSize(1);
        }
    }

    /** The outcome waits in accounts-kyc-outcomes; received twice and never deleted, SQS moves it on. */
    private static void assertPoisonMessageEndsInTheDeadLetterQueue(SqsClient sqs, LocalCloud cloud) {
        String queue = cloud.queueUrl("accounts-kyc-outcomes");
        for (int receive = 0; receive < 2; receive++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(5).visibilityTimeout(0))
                    .messages();
            assertThat(got).hasSize(1);
        }
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)).messages()).isEmpty();
        assertThat(Clients.receive(sqs, cloud.queueUrl("accounts-kyc-outcomes-dlq"), 1, Duration.ofSeconds(5)))
                .hasSize(1);
    }
}
