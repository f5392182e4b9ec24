package org.kycsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole-flow load driver: POSTs applications to a running suite at a steady rate and measures,
 * per application, the time from its POST to its outcome on the bus ("Account opened" or "New account
 * rejected"). It subscribes to the outcomes the way a domain team would, with its own rule and queue
 * on the suite's bus, so it measures what a consumer sees and counts duplicates and losses.
 *
 * <pre>java -jar bench/target/bench.jar --rate 50 --duration 20</pre>
 */
public final class FlowLoad {

    private static final String SAMPLE = "/sample-application.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(FlowLoad.class);

    private final Map<String, String> options;
    private final Map<UUID, Long> postedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> decidedAt = new ConcurrentHashMap<>();
    private final Map<UUID, String> outcome = new ConcurrentHashMap<>();
    private final Map<UUID, Long> postedAtMillis = new ConcurrentHashMap<>();
    private final Map<UUID, Long> eventTimeMillis = new ConcurrentHashMap<>();
    private final Map<UUID, Long> receivedAtMillis = new ConcurrentHashMap<>();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger reviews = new AtomicInteger();
    private volatile boolean receiving = true;

    private FlowLoad(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("rate", "50", "duration", "20",
                "accounts", "http://127.0.0.1:8081", "edge", "http://127.0.0.1:4566", "sqs", "http://127.0.0.1:9324",
                "user", "staff:staff", "bus", "kyc-bus", "drain", "120"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !options.containsKey(args[i].substring(2))) {
                LOG.error("Unknown option {}; options: {}", args[i], options.keySet());
                System.exit(2);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new FlowLoad(options).run();
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(options.get("rate"));
        int seconds = Integer.parseInt(options.get("duration"));
        int total = rate * seconds;
        String body;
        try (InputStream sample = FlowLoad.class.getResourceAsStream(SAMPLE)) {
            body = new String(sample.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(options.get("sqs")))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials()).build();
             EventBridgeClient events = EventBridgeClient.builder().endpointOverride(URI.create(options.get("edge")))
                     .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                     .credentialsProvider(credentials()).build()) {
            String queueUrl = subscribe(sqs, events);
            List<Thread> receivers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread receiver = new Thread(() -> receive(sqs, queueUrl), "outcomes-" + i);
                receiver.start();
                receivers.add(receiver);
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString(options.get("user")
                    .getBytes(StandardCharsets.UTF_8));
            URI submit = URI.create(options.get("accounts") + "/applications");
            CountDownLatch answered = new CountDownLatch(total);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sent = new AtomicInteger();
            long start = System.nanoTime();
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
            clock.scheduleAtFixedRate(() -> {
                if (sent.getAndIncrement() >= total) {
                    return;
                }
                post(http, submit, auth, body, answered);
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            answered.await(seconds + 60L, TimeUnit.SECONDS);
            clock.shutdownNow();
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(options.get("drain")));
            while (decidedOf(postedAt.keySet()) < postedAt.size() && System.nanoTime() < drainUntil) {
                Thread.sleep(100);
            }
            Thread.sleep(2000); // late duplicates
            receiving = false;
            for (Thread receiver : receivers) {
                receiver.join();
            }
            report(rate, seconds, total, sendSeconds, start);
            events.removeTargets(b -> b.eventBusName(options.get("bus")).rule(ruleName()).ids("bench"));
            events.deleteRule(b -> b.eventBusName(options.get("bus")).name(ruleName()));
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        }
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private String ruleName() {
        return "bench-outcomes-" + ProcessHandle.current().pid();
    }

    /** Its own queue and rule on the suite's bus, as a domain team subscribes a consumer. */
    private String subscribe(SqsClient sqs, EventBridgeClient events) {
        String queueUrl = sqs.createQueue(b -> b.queueName(ruleName())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(b -> b.eventBusName(options.get("bus")).name(ruleName()).eventPattern("""
                {"source":["bank.accounts","bank.kyc"],
                 "detail-type":["Account opened","New account rejected","Manual review requested"]}"""));
        events.putTargets(b -> b.eventBusName(options.get("bus")).rule(ruleName())
                .targets(t -> t.id("bench").arn(queueArn)));
        return queueUrl;
    }

    private void post(HttpClient http, URI submit, String auth, String body, CountDownLatch answered) {
        long sentAt = System.nanoTime();
        long sentAtMillis = System.currentTimeMillis();
        HttpRequest request = HttpRequest.newBuilder(submit).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error != null) {
                    failed.incrementAndGet();
                } else if (response.statusCode() != 201) {
                    refused.incrementAndGet();
                } else {
                    UUID id = UUID.fromString(MAPPER.readTree(response.body()).path("id").asText());
                    postedAt.put(id, sentAt);
                    postedAtMillis.put(id, sentAtMillis);
                }
            } catch (IOException | IllegalArgumentException e) {
                failed.incrementAndGet();
            } finally {
                answered.countDown();
            }
        });
    }

    private void receive(SqsClient sqs, String queueUrl) {
        while (receiving) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            long now = System.nanoTime();
            if (messages.isEmpty()) {
                continue;
            }
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (Message message : messages) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                        .receiptHandle(message.receiptHandle()).build());
                try {
                    JsonNode event = MAPPER.readTree(message.body());
                    UUID id = UUID.fromString(event.path("detail").path("applicationId").asText());
                    String type = event.path("detail-type").asText();
                    if ("Manual review requested".equals(type)) {
                        reviews.incrementAndGet();
                        continue;
                    }
                    eventTimeMillis.putIfAbsent(id,
                            java.time.Instant.parse(event.path("time").asText()).toEpochMilli());
                    receivedAtMillis.putIfAbsent(id, System.currentTimeMillis());
                    if (decidedAt.putIfAbsent(id, now) != null) {
                        duplicates.incrementAndGet();
                    } else {
                        outcome.put(id, type);
                    }
                } catch (IOException | IllegalArgumentException e) {
                    LOG.warn("Unreadable outcome event: {}", e.getMessage());
                }
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes));
        }
    }

    private long decidedOf(java.util.Set<UUID> ids) {
        return ids.stream().filter(decidedAt::containsKey).count();
    }

    private void report(int rate, int seconds, int total, double sendSeconds, long start) {
        List<Long> latencies = new ArrayList<>();
        long lastDecision = start;
        for (Map.Entry<UUID, Long> posted : postedAt.entrySet()) {
            Long decided = decidedAt.get(posted.getKey());
            if (decided != null) {
                latencies.add(decided - posted.getValue());
                lastDecision = Math.max(lastDecision, decided);
            }
        }
        latencies.sort(null);
        long windowEnd = start + TimeUnit.SECONDS.toNanos(seconds);
        long inWindow = decidedAt.values().stream().filter(at -> at <= windowEnd).count();
        long opened = outcome.values().stream().filter("Account opened"::equals).count();
        LOG.info(String.format("whole flow: %d applications/s for %d s (%d POSTs sent in %.1f s)", rate, seconds,
                total, sendSeconds));
        LOG.info(String.format("  accepted %d, refused %d, failed %d; decided %d (%d opened, %d rejected), "
                        + "manual reviews %d, lost %d, duplicated %d", postedAt.size(), refused.get(), failed.get(),
                latencies.size(), opened, latencies.size() - opened, reviews.get(),
                postedAt.size() - latencies.size(), duplicates.get()));
        LOG.info(String.format("  outcomes/s during the run %.1f, overall %.1f", inWindow / (double) seconds,
                latencies.size() / Math.max(1e-9, (lastDecision - start) / 1e9)));
        if (!latencies.isEmpty()) {
            LOG.info(String.format("  POST -> outcome on the bus: p50 %s, p90 %s, p99 %s, max %s",
                    millis(latencies, 0.50), millis(latencies, 0.90), millis(latencies, 0.99),
                    millis(latencies, 1.0)));
        }
        reportSplit();
    }

    /**
     * The outcome event's {@code time} (when its producer wrote it, to the second) splits the
     * latency into the part before the producer and the delivery to this consumer.
     */
    private void reportSplit() {
        List<Long> untilProduced = new ArrayList<>();
        List<Long> delivery = new ArrayList<>();
        for (Map.Entry<UUID, Long> event : eventTimeMillis.entrySet()) {
            Long posted = postedAtMillis.get(event.getKey());
            if (posted != null) {
                untilProduced.add(TimeUnit.MILLISECONDS.toNanos(Math.max(0, event.getValue() - posted)));
                delivery.add(TimeUnit.MILLISECONDS.toNanos(receivedAtMillis.get(event.getKey()) - event.getValue()));
            }
        }
        untilProduced.sort(null);
        delivery.sort(null);
        if (!untilProduced.isEmpty()) {
            LOG.info(String.format("  split (event time has 1 s precision): POST -> outcome written p50 %s, p99 %s; "
                            + "written -> received p50 %s, p99 %s", millis(untilProduced, 0.5),
                    millis(untilProduced, 0.99), millis(delivery, 0.5), millis(delivery, 0.99)));
        }
    }

    private static String millis(List<Long> sorted, double quantile) {
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return String.format("%.1f ms", sorted.get(Math.max(0, index)) / 1e6);
    }
}
