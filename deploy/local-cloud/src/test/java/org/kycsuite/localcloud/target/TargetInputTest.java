package org.kycsuite.localcloud.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
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
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Input, InputPath and InputTransformer, checked on what an SQS target actually receives. */
class TargetInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DETAIL = "{\"instance-id\":\"i-0123456789\",\"state\":\"RUNNING\",\"count\":3,"
            + "\"tags\":[\"a\",\"b\"]}";

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
    void inputReplacesTheEventWithConstantJson() {
        assertThat(deliver("constant", t -> t.input("{\"fixed\":true}"))).isEqualTo("{\"fixed\":true}");
    }

    @Test
    void inputPathSelectsPartOfTheEvent() throws Exception {
        JsonNode body = JSON.readTree(deliver("path", t -> t.inputPath("$.detail")));
        assertThat(body).isEqualTo(JSON.readTree(DETAIL));
    }

    @Test
    void inputTransformerQuotesStringsOutsideQuotesAndInsertsRawTextInsideThem() throws Exception {
        String template = "{\"instance\": <instance>, \"state\": \"<state>\", \"count\": <count>, \"tags\": <tags>,"
                + " \"status\": \"instance \\\"<instance>\\\" is in <state>\", \"missing\": <missing>}";
        String body = deliver("json-template", t -> t.inputTransformer(i -> i.inputTemplate(template)
                .inputPathsMap(Map.of("instance", "$.detail.instance-id", "state", "$.detail.state",
                        "count", "$.detail.count", "tags", "$.detail.tags", "missing", "$.detail.nothing"))));

        JsonNode json = JSON.readTree(body);
        assertThat(json.get("instance").asText()).isEqualTo("i-0123456789");
        assertThat(json.get("state").asText()).isEqualTo("RUNNING");
        assertThat(json.get("count").asInt()).isEqualTo(3);
        assertThat(json.get("tags")).isEqualTo(JSON.readTree("[\"a\",\"b\"]"));
        assertThat(json.get("status").asText()).isEqualTo("instance \"i-0123456789\" is in RUNNING");
        assertThat(json.get("missing").isNull()).isTrue();
    }

    @Test
    void inputTransformerFillsAStringTemplateAndTheReservedVariables() throws Exception {
        String body = deliver("string-template", t -> t.inputTransformer(i -> i
                .inputTemplate("\"<aws.events.rule-name> saw instance <instance> in <state>\"")
                .inputPathsMap(Map.of("instance", "$.detail.instance-id", "state", "$.detail.state"))));
        assertThat(body).isEqualTo("\"string-template saw instance i-0123456789 in RUNNING\"");

        String reserved = deliver("reserved", t -> t.inputTransformer(i -> i.inputTemplate(
                "{\"rule\": <aws.events.rule-arn>, \"event\": <aws.events.event>, \"full\": <aws.events.event.json>,"
                        + " \"at\": <aws.events.event.ingestion-time>}")));
        JsonNode json = JSON.readTree(reserved);
        assertThat(json.get("rule").asText()).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/reserved");
        assertThat(json.get("event").get("source").asText()).isEqualTo("reserved");
        assertThat(json.get("event").has("detail")).isFalse();
        assertThat(json.get("full").get("detail")).isEqualTo(JSON.readTree(DETAIL));
        assertThat(json.get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    private static String deliver(String name, java.util.function.Consumer<Target.Builder> input) {
        String queueArn = Clients.createQueue(sqs, "input-" + name);
        events.putRule(b -> b.name(name).eventPattern("{\"source\":[\"" + name + "\"]}"));
        Target.Builder target = Target.builder().id("q").arn(queueArn);
        input.accept(target);
        events.putTargets(b -> b.rule(name).targets(target.build()));
        events.putEvents(b -> b.entries(e -> e.source(name).detailType("Input test").detail(DETAIL)));
        List<Message> messages = Clients.receive(sqs, cloud.queueUrl("input-" + name), 1, Duration.ofSeconds(10));
        assertThat(messages).hasSize(1);
        return messages.get(0).body();
    }
}
