package org.kycsuite.localcloud.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloudProcess;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events PutEvents accepted just before a {@code kill -9}, whose deliveries and archive copies live
 * only in the journals when the process dies, are all delivered and archived after a restart.
 */
class BusJournalKillTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 200;

    @Test
    void acceptedEventsAreDeliveredAndArchivedAfterAKill() throws Exception {
        Path dataDir = Files.createTempDirectory("bus-journal-kill");
        int edgePort = LocalCloudProcess.freePort();
        int sqsPort = LocalCloudProcess.freePort();
        URI edge = URI.create("http://127.0.0.1:" + edgePort);
        URI sqsEndpoint = URI.create("http://127.0.0.1:" + sqsPort);
        String missingQueueArn = "arn:aws:sqs:us-east-1:000000000000:created-after-kill";
        Process first = LocalCloudProcess.launch(dataDir, edgePort, sqsPort);
        try (EventBridgeClient events = Clients.eventBridge(edge)) {
            LocalCloudProcess.awaitReady(first, edgePort);
            String busArn = events.createEventBus(b -> b.name("kill-bus")).eventBusArn();
            events.createArchive(b -> b.archiveName("kill-archive").eventSourceArn(busArn));
            // The target's queue does not exist yet: every delivery stays owed until after the restart.
            events.putRule(b -> b.name("to-missing").eventBusName("kill-bus").eventPattern("{\"source\":[\"k\"]}"));
            events.putTargets(b -> b.rule("to-missing").eventBusName("kill-bus")
                    .targets(t -> t.id("m").arn(missingQueueArn)));
            for (int batch = 0; batch < EVENTS; batch += 10) {
                int from = batch;
                assertThat(events.putEvents(b -> b.entries(IntStream.range(from, from + 10)
                        .mapToObj(i -> PutEventsRequestEntry.builder().eventBusName("kill-bus").source("k")
                                .detailType("Kill").detail("{\"n\":" + i + ",\"text\":\"é€\"}").build())
                        .toList())).failedEntryCount()).isZero();
            }
            first.destroyForcibly().waitFor();
        } finally {
            first.destroyForcibly();
        }

        Process second = LocalCloudProcess.launch(dataDir, edgePort, sqsPort);
        try (EventBridgeClient events = Clients.eventBridge(edge); SqsClient sqs = Clients.sqs(sqsEndpoint)) {
            LocalCloudProcess.awaitReady(second, edgePort);
            assertThat(events.describeArchive(b -> b.archiveName("kill-archive")).eventCount())
                    .isEqualTo(EVENTS);
            String url = sqs.createQueue(b -> b.queueName("created-after-kill")).queueUrl();
            List<Message> delivered = Clients.receive(sqs, url, EVENTS, Duration.ofSeconds(60));
            Set<Integer> numbers = new HashSet<>();
            for (Message message : delivered) {
                assertThat(JSON.readTree(message.body()).at("/detail/text").asText()).isEqualTo("é€");
                numbers.add(JSON.readTree(message.body()).at("/detail/n").asInt());
            }
            assertThat(numbers).hasSize(EVENTS);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }
}
