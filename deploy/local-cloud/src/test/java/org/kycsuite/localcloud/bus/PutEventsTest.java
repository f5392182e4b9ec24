package org.kycsuite.localcloud.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

class PutEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LocalCloud cloud;
    static EventBridgeClient events;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
        events = Clients.eventBridge(cloud);
        sqs = Clients.sqs(cloud);
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
        cloud.close();
    }

    @Test
    void deliversAMatchingEventToAnSqsTargetAsAnEventBridgeEvent() throws Exception {
        String queueArn = Clients.createQueue(sqs, "outcomes");
        events.createEventBus(b -> b.name("kyc-bus"));
        events.putRule(b -> b.name("outcomes").eventBusName("kyc-bus")
                .eventPattern("{\"source\":[\"bank.kyc\"],\"detail-type\":[\"New account approved\"]}"));
        events.putTargets(b -> b.rule("outcomes").eventBusName("kyc-bus").targets(t -> t.id("q").arn(queueArn)));

        Instant time = Instant.parse("2026-01-02T03:04:05Z");
        PutEventsResponse response = events.putEvents(b -> b.entries(
                entry("bank.kyc", "New account approved", "{\"applicationId\":\"a-1\"}").eventBusName("kyc-bus")
                        .time(time)
                        .resources("arn:aws:kyc:application/a-1").build(),
                entry("bank.kyc", "New account rejected", "{\"applicationId\":\"a-2\"}").eventBusName("kyc-bus")
                        .build()));

        assertThat(response.failedEntryCount()).isZero();
        List<Message> messages = Clients.receive(sqs, cloud.queueUrl("outcomes"), 1, Duration.ofSeconds(10));
        assertThat(messages).hasSize(1);
        JsonNode event = JSON.readTree(messages.get(0).body());
        assertThat(event.get("version").asText()).isEqualTo("0");
        assertThat(event.get("id").asText()).isEqualTo(response.entries().get(0).eventId());
        assertThat(event.get("detail-type").asText()).isEqualTo("New account approved");
        assertThat(event.get("source").asText()).isEqualTo("bank.kyc");
        assertThat(event.get("account").asText()).isEqualTo(LocalCloudConfig.DEFAULT_ACCOUNT);
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(event.get("time").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(event.get("resources").get(0).asText()).isEqualTo("arn:aws:kyc:application/a-1");
        assertThat(event.get("detail").get("applicationId").asText()).isEqualTo("a-1");
        assertThat(Clients.receive(sqs, cloud.queueUrl("outcomes"), 1, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void reportsEachBadEntryWithoutFailingTheGoodOnes() {
        PutEventsResponse response = events.putEvents(b -> b.entries(
                entry("bank.kyc", "Good", "{\"ok\":true}").build(),
                entry(null, "No source", "{}").build(),
                entry("bank.kyc", null, "{}").build(),
                entry("bank.kyc", "Array detail", "[1,2]").build(),
                entry("bank.kyc", "Broken detail", "{not json").build(),
                entry("bank.kyc", "Too big", "{\"x\":\"" + "a".repeat(262_144) + "\"}").build(),
                entry("bank.kyc", "Unknown bus", "{}").eventBusName("no-such-bus").build()));

        assertThat(response.failedEntryCount()).isEqualTo(6);
        assertThat(response.entries().get(0).eventId()).isNotBlank();
        assertThat(response.entries().get(0).errorCode()).isNull();
        List<String> codes = new ArrayList<>();
        response.entries().subList(1, 7).forEach(result -> {
            assertThat(result.eventId()).isNull();
            assertThat(result.errorMessage()).isNotBlank();
            codes.add(result.errorCode());
        });
        assertThat(codes).containsExactly("InvalidArgument", "InvalidArgument", "MalformedDetail",
                "MalformedDetail", "InvalidArgument", "ResourceNotFoundException");
    }

    @Test
    void rejectsMoreThanTenEntriesAsAValidationError() {
        List<PutEventsRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(entry("bank.kyc", "Many", "{}").build());
        }
        assertThatThrownBy(() -> events.putEvents(b -> b.entries(eleven)))
                .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
    }

    private static PutEventsRequestEntry.Builder entry(String source, String detailType, String detail) {
        return PutEventsRequestEntry.builder().source(source).detailType(detailType).detail(detail);
    }
}
