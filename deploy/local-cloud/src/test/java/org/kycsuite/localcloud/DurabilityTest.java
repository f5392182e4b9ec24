package org.kycsuite.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** A restart on the same data directory loses nothing: definitions, queued messages, owed deliveries. */
class DurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @BeforeEach
    void fastRetries() {
        System.setProperty(LocalCloud.RETRY_BASE_MILLIS_PROPERTY, "100");
    }

    @AfterEach
    void defaultRetries() {
        System.clearProperty(LocalCloud.RETRY_BASE_MILLIS_PROPERTY);
    }

    @Test
    void definitionsMessagesAndPendingDeliveriesSurviveARestart() throws Exception {
        try (LocalCloud first = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
             EventBridgeClient events = Clients.eventBridge(first);
             SqsClient sqs = Clients.sqs(first)) {
            String busArn = events.createEventBus(b -> b.name("durable-bus")).eventBusArn();
            events.createArchive(b -> b.archiveName("durable-archive").eventSourceArn(busArn));
            String keptArn = Clients.createQueue(sqs, "kept");
            events.putRule(b -> b.name("to-kept").eventBusName("durable-bus").eventPattern("{\"source\":[\"d\"]}"));
            events.putTargets(b -> b.rule("to-kept").eventBusName("durable-bus").targets(t -> t.id("k").arn(keptArn)));
            // The queue of this target does not exist yet: its delivery keeps failing and stays owed.
            events.putRule(b -> b.name("to-later").eventBusName("durable-bus").eventPattern("{\"source\":[\"d\"]}"));
            events.putTargets(b -> b.rule("to-later").eventBusName("durable-bus").targets(Target.builder().id("l")
                    .arn("arn:aws:sqs:us-east-1:000000000000:arrives-later").build()));

            events.putEvents(b -> b.entries(e -> e.eventBusName("durable-bus").source("d").detailType("Durable")
                    .detail("{\"marker\":\"before-restart\"}")));
            await().atMost(Duration.ofSeconds(10)).until(() -> first.pendingDeliveries() == 1);
        }

        try (LocalCloud second = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
             EventBridgeClient events = Clients.eventBridge(second);
             SqsClient sqs = Clients.sqs(second)) {
            assertThat(events.describeEventBus(b -> b.name("durable-bus")).name()).isEqualTo("durable-bus");
            assertThat(events.listTargetsByRule(b -> b.rule("to-kept").eventBusName("durable-bus")).targets())
                    .hasSize(1);
            assertThat(events.describeArchive(b -> b.archiveName("durable-archive")).eventCount()).isEqualTo(1);
            assertThat(second.pendingDeliveries()).isEqualTo(1);

            List<Message> kept = Clients.receive(sqs, second.queueUrl("kept"), 1, Duration.ofSeconds(5));
            assertThat(kept).hasSize(1);
            assertThat(JSON.readTree(kept.get(0).body()).at("/detail/marker").asText()).isEqualTo("before-restart");

            sqs.createQueue(b -> b.queueName("arrives-later"));
            List<Message> later = Clients.receive(sqs, second.queueUrl("arrives-later"), 1, Duration.ofSeconds(20));
            assertThat(later).hasSize(1);
            assertThat(JSON.readTree(later.get(0).body()).at("/detail/marker").asText()).isEqualTo("before-restart");
            await().atMost(Duration.ofSeconds(5)).until(() -> second.pendingDeliveries() == 0);
        }
    }
}
