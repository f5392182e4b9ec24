package org.kycsuite.localcloud.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * With no fault injected, every accepted event reaches each target exactly once, also when many
 * PutEvents calls arrive at once (a dispatcher that polled its store re-sent rows whose delivery was
 * finishing, 118 duplicates in 10,000 events).
 */
class DeliveredOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 2000;

    @TempDir
    Path dataDir;

    @Test
    void manyConcurrentEventsReachAQueueAndAnEndpointOnceEach() throws Exception {
        Map<String, AtomicInteger> posted = new ConcurrentHashMap<>();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            posted.computeIfAbsent(JSON.readTree(body).path("id").asText(), id -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        endpoint.setExecutor(Executors.newFixedThreadPool(4));
        endpoint.start();
        try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
             EventBridgeClient events = Clients.eventBridge(cloud);
             SqsClient sqs = Clients.sqs(cloud)) {
            String queueArn = Clients.createQueue(sqs, "once");
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("once")).queueUrl();
            events.createEventBus(b -> b.name("once-bus"));
            events.putRule(b -> b.eventBusName("once-bus").name("all").eventPattern("{\"source\":[\"test\"]}"));
            events.putTargets(b -> b.eventBusName("once-bus").rule("all").targets(
                    t -> t.id("queue").arn(queueArn),
                    t -> t.id("hook").arn("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook")));

            List<String> accepted = putConcurrently(events);
            assertThat(accepted).hasSize(EVENTS).doesNotHaveDuplicates();

            Map<String, Integer> queued = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (queued.values().stream().mapToInt(Integer::intValue).sum() < EVENTS
                    && System.nanoTime() < deadline) {
                for (Message message : Clients.receive(sqs, queueUrl, 100, Duration.ofSeconds(1))) {
                    queued.merge(JSON.readTree(message.body()).path("id").asText(), 1, Integer::sum);
                }
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> cloud.pendingDeliveries() == 0);
            // Anything sent twice would be on its way by now.
            Thread.sleep(1000);
            for (Message message : Clients.receive(sqs, queueUrl, 1, Duration.ofSeconds(1))) {
                queued.merge(JSON.readTree(message.body()).path("id").asText(), 1, Integer::sum);
            }

            assertThat(queued.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(queued.values()).allMatch(count -> count == 1);
            assertThat(posted.keySet()).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(posted.values()).allMatch(count -> count.get() == 1);
        } finally {
            endpoint.stop(0);
        }
    }

    private static List<String> putConcurrently(EventBridgeClient events) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> calls = new ArrayList<>();
            for (int call = 0; call < EVENTS / 10; call++) {
                int first = call * 10;
                calls.add(senders.submit(() -> {
                    List<PutEventsRequestEntry> entries = new ArrayList<>();
                    for (int i = first; i < first + 10; i++) {
                        entries.add(PutEventsRequestEntry.builder().eventBusName("once-bus").source("test")
                                .detailType("Numbered").detail("{\"n\":" + i + "}").build());
                    }
                    List<String> ids = new ArrayList<>();
                    events.putEvents(b -> b.entries(entries)).entries().forEach(entry -> ids.add(entry.eventId()));
                    return ids;
                }));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<List<String>> call : calls) {
                accepted.addAll(call.get());
            }
            return accepted;
        } finally {
            senders.shutdown();
        }
    }
}
