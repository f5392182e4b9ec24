package org.kycsuite.localcloud.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

/** Delivery to each target kind, and retries that end in the target's dead-letter queue. */
class TargetDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    static LocalCloud cloud;
    static EventBridgeClient events;
    static SqsClient sqs;
    static HttpServer endpoint;
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILING_CALLS = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        System.setProperty(LocalCloud.RETRY_BASE_MILLIS_PROPERTY, "100");
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/2015-03-31/functions/identity-check/invocations", exchange -> {
            RECEIVED.add("lambda " + exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        endpoint.createContext("/webhook", exchange -> {
            RECEIVED.add("http " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.createContext("/failing", exchange -> {
            FAILING_CALLS.incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        endpoint.start();
        String base = "http://127.0.0.1:" + endpoint.getAddress().getPort();
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir)
                .withFunctionUrls(Map.of("identity-check", base)));
        events = Clients.eventBridge(cloud);
        sqs = Clients.sqs(cloud);
    }

    @AfterAll
    static void stop() {
        System.clearProperty(LocalCloud.RETRY_BASE_MILLIS_PROPERTY);
        events.close();
        sqs.close();
        cloud.close();
        endpoint.stop(0);
    }

    @Test
    void invokesALambdaFunctionThroughItsInvokePathAsAnAsyncInvocation() {
        route("lambda", Target.builder().id("fn")
                .arn("arn:aws:lambda:us-east-1:000000000000:function:identity-check").build());
        put("lambda", "{\"applicationId\":\"a-1\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVED.stream().anyMatch(r -> r.startsWith("lambda")));
        String call = RECEIVED.stream().filter(r -> r.startsWith("lambda")).findFirst().orElseThrow();
        assertThat(call).startsWith("lambda Event {").contains("\"applicationId\":\"a-1\"");
    }

    @Test
    void postsToAnHttpEndpoint() {
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/webhook";
        route("http", Target.builder().id("hook").arn(url).build());
        put("http", "{\"applicationId\":\"a-2\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVED.stream().anyMatch(r -> r.startsWith("http")));
        assertThat(RECEIVED).anySatisfy(r -> assertThat(r).startsWith("http {").contains("a-2"));
    }

    @Test
    void retriesPerRetryPolicyThenSendsTheEventToTheDeadLetterQueueWithTheError() throws Exception {
        String dlqArn = Clients.createQueue(sqs, "failing-dlq");
        String url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/failing";
        String ruleArn = route("failing", Target.builder().id("down").arn(url)
                .retryPolicy(r -> r.maximumRetryAttempts(2).maximumEventAgeInSeconds(60))
                .deadLetterConfig(d -> d.arn(dlqArn)).build());
        String eventId = put("failing", "{\"applicationId\":\"a-3\"}");

        List<Message> dead = Clients.receive(sqs, cloud.queueUrl("failing-dlq"), 1, Duration.ofSeconds(15));

        assertThat(dead).hasSize(1);
        assertThat(FAILING_CALLS.get()).isEqualTo(3);
        JsonNode event = JSON.readTree(dead.get(0).body());
        assertThat(event.get("id").asText()).isEqualTo(eventId);
        Map<String, String> attributes = new java.util.HashMap<>();
        dead.get(0).messageAttributes().forEach((key, value) -> attributes.put(key, value.stringValue()));
        assertThat(attributes).containsEntry("RULE_ARN", ruleArn).containsEntry("TARGET_ARN", url)
                .containsEntry("ERROR_CODE", "HTTP.503").containsEntry("RETRY_ATTEMPTS", "2")
                .containsEntry("EXHAUSTED_RETRY_CONDITION", "MaximumRetryAttemptsExhausted");
        assertThat(attributes.get("ERROR_MESSAGE")).contains("503");
    }

    @Test
    void aTargetStateMachineThatDoesNotExistFailsIntoTheDeadLetterQueueWithAClearError() {
        String dlqArn = Clients.createQueue(sqs, "no-engine-dlq");
        route("workflow", Target.builder().id("sfn")
                .arn("arn:aws:states:us-east-1:000000000000:stateMachine:KycWorkflow")
                .retryPolicy(r -> r.maximumRetryAttempts(0)).deadLetterConfig(d -> d.arn(dlqArn)).build());
        put("workflow", "{}");

        List<Message> dead = Clients.receive(sqs, cloud.queueUrl("no-engine-dlq"), 1, Duration.ofSeconds(10));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get("ERROR_MESSAGE").stringValue())
                .contains("State Machine Does Not Exist");
    }

    private static String route(String source, Target target) {
        String ruleArn = events.putRule(b -> b.name(source).eventPattern("{\"source\":[\"" + source + "\"]}"))
                .ruleArn();
        events.putTargets(b -> b.rule(source).targets(target));
        return ruleArn;
    }

    private static String put(String source, String detail) {
        return events.putEvents(b -> b.entries(e -> e.source(source).detailType("Test").detail(detail)))
                .entries().get(0).eventId();
    }
}
