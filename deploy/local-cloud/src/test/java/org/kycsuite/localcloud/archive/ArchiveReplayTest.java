package org.kycsuite.localcloud.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Archive;
import software.amazon.awssdk.services.eventbridge.model.DescribeArchiveResponse;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class ArchiveReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "archive-bus";

    @TempDir
    static Path dataDir;

    static LocalCloud cloud;
    static EventBridgeClient events;
    static SqsClient sqs;
    static String busArn;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
        events = Clients.eventBridge(cloud);
        sqs = Clients.sqs(cloud);
        busArn = events.createEventBus(b -> b.name(BUS)).eventBusArn();
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
        cloud.close();
    }

    @Test
    void archivesMatchingEventsAndReplaysAWindowToTheFilteredRuleOnly() throws Exception {
        String archiveArn = events.createArchive(b -> b.archiveName("kyc-only").eventSourceArn(busArn)
                .eventPattern("{\"source\":[\"bank.kyc\"]}").description("KYC events")).archiveArn();
        String replayedArn = routeToQueue("replayed", "replayed-queue");
        routeToQueue("not-replayed", "not-replayed-queue");

        Instant before = Instant.now().minusSeconds(1);
        put("bank.kyc", "one");
        put("bank.kyc", "two");
        put("bank.accounts", "not archived");
        Instant after = Instant.now().plusSeconds(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> cloud.pendingDeliveries() == 0);
        Clients.receive(sqs, cloud.queueUrl("replayed-queue"), 3, Duration.ofSeconds(5));
        Clients.receive(sqs, cloud.queueUrl("not-replayed-queue"), 3, Duration.ofSeconds(5));

        DescribeArchiveResponse archive = events.describeArchive(b -> b.archiveName("kyc-only"));
        assertThat(archive.eventCount()).isEqualTo(2);
        assertThat(archive.sizeBytes()).isPositive();
        assertThat(archive.eventSourceArn()).isEqualTo(busArn);

        events.startReplay(b -> b.replayName("first-replay").eventSourceArn(archiveArn).eventStartTime(before)
                .eventEndTime(after).destination(d -> d.arn(busArn).filterArns(replayedArn)));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.describeReplay(b -> b.replayName("first-replay"))
                .state() == ReplayState.COMPLETED);

        List<Message> replayed = Clients.receive(sqs, cloud.queueUrl("replayed-queue"), 2, Duration.ofSeconds(10));
        List<String> markers = new ArrayList<>();
        for (Message message : replayed) {
            JsonNode event = JSON.readTree(message.body());
            assertThat(event.get("replay-name").asText()).isEqualTo("first-replay");
            markers.add(event.get("detail").get("marker").asText());
        }
        assertThat(markers).containsExactlyInAnyOrder("one", "two");
        assertThat(Clients.receive(sqs, cloud.queueUrl("not-replayed-queue"), 1, Duration.ofSeconds(2))).isEmpty();
        assertThat(events.describeArchive(b -> b.archiveName("kyc-only")).eventCount()).isEqualTo(2);
        DescribeReplayResponse replay = events.describeReplay(b -> b.replayName("first-replay"));
        assertThat(replay.eventSourceArn()).isEqualTo(archiveArn);
        assertThat(replay.replayEndTime()).isNotNull();
        assertThat(replay.eventLastReplayedTime()).isNotNull();
    }

    @Test
    void listsDeletesAndRefusesDuplicateArchives() {
        events.createArchive(b -> b.archiveName("listed").eventSourceArn(busArn));
        assertThatThrownBy(() -> events.createArchive(b -> b.archiveName("listed").eventSourceArn(busArn)))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThat(events.listArchives(b -> b.namePrefix("list")).archives()).extracting(Archive::archiveName)
                .containsExactly("listed");

        events.deleteArchive(b -> b.archiveName("listed"));
        assertThatThrownBy(() -> events.describeArchive(b -> b.archiveName("listed")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.describeReplay(b -> b.replayName("never-started")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    private static String routeToQueue(String rule, String queue) {
        String queueArn = Clients.createQueue(sqs, queue);
        String ruleArn = events.putRule(b -> b.name(rule).eventBusName(BUS)
                .eventPattern("{\"source\":[\"bank.kyc\"]}")).ruleArn();
        events.putTargets(b -> b.rule(rule).eventBusName(BUS).targets(t -> t.id("q").arn(queueArn)));
        return ruleArn;
    }

    private static void put(String source, String marker) {
        events.putEvents(b -> b.entries(e -> e.eventBusName(BUS).source(source).detailType("Archived")
                .detail("{\"marker\":\"" + marker + "\"}")));
    }
}
