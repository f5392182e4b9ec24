package org.kycsuite.localcloud.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Every content-filter operator EventBridge documents, routed end to end: one rule and queue per
 * operator, three events, and each queue gets exactly the events its pattern selects.
 */
class PatternRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUS = "patterns-bus";

    /** Rule (and queue) name → pattern on {@code detail}. */
    private static final Map<String, String> PATTERNS = new LinkedHashMap<>();

    static {
        PATTERNS.put("prefix", "{\"country\":[{\"prefix\":\"G\"}]}");
        PATTERNS.put("suffix", "{\"file\":[{\"suffix\":\".pdf\"}]}");
        PATTERNS.put("anything-but", "{\"status\":[{\"anything-but\":[\"APPROVED\",\"PENDING\"]}]}");
        PATTERNS.put("numeric", "{\"score\":[{\"numeric\":[\">=\",70,\"<\",80]}]}");
        PATTERNS.put("exists", "{\"pep\":[{\"exists\":false}]}");
        PATTERNS.put("cidr", "{\"ip\":[{\"cidr\":\"10.0.0.0/8\"}]}");
        PATTERNS.put("equals-ignore-case", "{\"email\":[{\"equals-ignore-case\":\"ada@example.com\"}]}");
        PATTERNS.put("wildcard", "{\"path\":[{\"wildcard\":\"/kyc/*/3\"}]}");
        PATTERNS.put("or", "{\"$or\":[{\"country\":[\"DE\"]},{\"score\":[{\"numeric\":[\">\",85]}]}]}");
    }

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
        events.createEventBus(b -> b.name(BUS));
        PATTERNS.forEach((name, detailPattern) -> {
            String queueArn = Clients.createQueue(sqs, "pattern-" + name);
            events.putRule(b -> b.name(name).eventBusName(BUS)
                    .eventPattern("{\"source\":[\"test.patterns\"],\"detail\":" + detailPattern + "}"));
            events.putTargets(b -> b.rule(name).eventBusName(BUS).targets(t -> t.id("queue").arn(queueArn)));
        });
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
        cloud.close();
    }

    @Test
    void routesEachOperatorAsEventBridgeDocumentsIt() throws Exception {
        events.putEvents(b -> b.entries(
                event("{\"name\":\"e1\",\"country\":\"GB\",\"file\":\"report.pdf\",\"status\":\"APPROVED\","
                        + "\"score\":72,\"ip\":\"10.0.0.7\",\"email\":\"Ada@Example.com\",\"path\":\"/kyc/reviews/1\","
                        + "\"pep\":true}"),
                event("{\"name\":\"e2\",\"country\":\"DE\",\"file\":\"photo.png\",\"status\":\"REJECTED\","
                        + "\"score\":30,\"ip\":\"192.168.1.1\",\"email\":\"bob@example.org\","
                        + "\"path\":\"/accounts/2\"}"),
                event("{\"name\":\"e3\",\"country\":\"GR\",\"file\":\"scan.PDF\",\"status\":\"PENDING\","
                        + "\"score\":90.5,\"ip\":\"10.1.2.3\",\"email\":\"ADA@EXAMPLE.COM\",\"path\":\"/kyc/cases/3\","
                        + "\"pep\":false}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> cloud.pendingDeliveries() == 0);

        Map<String, List<String>> routed = new LinkedHashMap<>();
        for (String name : PATTERNS.keySet()) {
            routed.put(name, namesIn("pattern-" + name));
        }

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("prefix", List.of("e1", "e3"));
        expected.put("suffix", List.of("e1"));
        expected.put("anything-but", List.of("e2"));
        expected.put("numeric", List.of("e1"));
        expected.put("exists", List.of("e2"));
        expected.put("cidr", List.of("e1", "e3"));
        expected.put("equals-ignore-case", List.of("e1", "e3"));
        expected.put("wildcard", List.of("e3"));
        expected.put("or", List.of("e2", "e3"));
        assertThat(routed).containsExactlyEntriesOf(expected);
    }

    private static List<String> namesIn(String queue) throws Exception {
        List<Message> messages = Clients.receive(sqs, cloud.queueUrl(queue), 3, Duration.ofSeconds(2));
        // Delivery is at-least-once (as on AWS): a retried delivery repeats the same event id, so
        // routing is judged per event, not per message.
        Map<String, String> namesById = new LinkedHashMap<>();
        for (Message message : messages) {
            JsonNode event = JSON.readTree(message.body());
            namesById.put(event.path("id").asText(), event.path("detail").path("name").asText());
        }
        List<String> names = new ArrayList<>(namesById.values());
        names.sort(String::compareTo);
        return names;
    }

    private static PutEventsRequestEntry event(String detail) {
        return PutEventsRequestEntry.builder().eventBusName(BUS).source("test.patterns").detailType("Pattern probe")
                .detail(detail).build();
    }
}
