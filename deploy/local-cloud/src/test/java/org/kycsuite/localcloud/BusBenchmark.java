package org.kycsuite.localcloud;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Throughput of the bus through the real SDK clients (not a test; run it by hand from the test classpath):
 * PutEvents (batches of 10) until every event is in the rule's SQS queue (ApproximateNumberOfMessages,
 * before anyone consumes them), next to raw SendMessageBatch (batches of 10) on the same queue server,
 * and how fast one consumer drains them. A warm-up round runs first.
 */
public final class BusBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(BusBenchmark.class);
    private static final int EVENTS = Integer.getInteger("events", 2000);
    private static final int CLIENTS = Integer.getInteger("clients", 4);
    private static final int BATCH = 10;

    private BusBenchmark() {
    }

    /**
     * Starts an embedded local cloud on free ports, or with {@code -Dedge=http://127.0.0.1:4566
     * -Dsqs=http://127.0.0.1:9324} loads an already running one (e.g. the packaged jar).
     */
    public static void main(String[] args) throws Exception {
        String edge = System.getProperty("edge");
        LocalCloud cloud = edge != null ? null
                : LocalCloud.start(LocalCloudConfig.ephemeral(Files.createTempDirectory("bus-bench")));
        URI edgeUri = cloud == null ? URI.create(edge) : cloud.edgeEndpoint();
        URI sqsUri = cloud == null ? URI.create(System.getProperty("sqs", "http://127.0.0.1:9324"))
                : cloud.sqsEndpoint();
        try (EventBridgeClient events = EventBridgeClient.builder().endpointOverride(edgeUri)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
             SqsClient sqs = Clients.sqs(sqsUri)) {
            String suffix = Long.toString(System.currentTimeMillis());
            try {
                events.createEventBus(b -> b.name("bench-bus"));
            } catch (ResourceAlreadyExistsException e) {
                LOG.info("Reusing bench-bus of an earlier run");
            }
            String busQueueArn = Clients.createQueue(sqs, "bench-bus-target-" + suffix);
            String busQueue = sqs.getQueueUrl(b -> b.queueName("bench-bus-target-" + suffix)).queueUrl();
            events.putRule(b -> b.eventBusName("bench-bus").name("bench-to-sqs")
                    .eventPattern("{\"source\":[\"bench\"]}"));
            events.putTargets(b -> b.eventBusName("bench-bus").rule("bench-to-sqs")
                    .targets(t -> t.id("queue").arn(busQueueArn)));
            Clients.createQueue(sqs, "bench-raw-" + suffix);
            String rawQueue = sqs.getQueueUrl(b -> b.queueName("bench-raw-" + suffix)).queueUrl();

            putEvents(events, sqs, busQueue, EVENTS / 4, "warm-up: ");
            sendMessages(sqs, rawQueue, EVENTS / 4, "warm-up: ");
            putEvents(events, sqs, busQueue, EVENTS, "");
            sendMessages(sqs, rawQueue, EVENTS, "");
        } finally {
            if (cloud != null) {
                cloud.close();
            }
        }
    }

    private static void putEvents(EventBridgeClient events, SqsClient sqs, String queueUrl, int count, String label)
            throws Exception {
        long start = System.nanoTime();
        parallel(count / BATCH, batch -> {
            List<PutEventsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                entries.add(PutEventsRequestEntry.builder().eventBusName("bench-bus").source("bench")
                        .detailType("Bench").detail("{\"n\":" + (batch * BATCH + i) + "}").build());
            }
            int failed = events.putEvents(b -> b.entries(entries)).failedEntryCount();
            if (failed != 0) {
                throw new IllegalStateException(failed + " PutEvents entries failed");
            }
        });
        double accepted = (System.nanoTime() - start) / 1e9;
        awaitQueued(sqs, queueUrl, count);
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}PutEvents -> SQS: {} events accepted in {} s ({} /s), all in the queue after {} s = {} events/s",
                label, count, f(accepted), f(count / accepted), f(seconds), f(count / seconds));
        long drainStart = System.nanoTime();
        drain(sqs, queueUrl, count);
        double drained = (System.nanoTime() - drainStart) / 1e9;
        LOG.info("{}one consumer received and deleted them in {} s = {} messages/s", label, f(drained),
                f(count / drained));
    }

    private static void sendMessages(SqsClient sqs, String queueUrl, int count, String label) throws Exception {
        long start = System.nanoTime();
        parallel(count / BATCH, batch -> {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i)
                        .messageBody("{\"n\":" + (batch * BATCH + i) + "}").build());
            }
            if (!sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch entries failed");
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}SQS SendMessageBatch: {} messages in {} s = {} messages/s", label, count, f(seconds),
                f(count / seconds));
        drain(sqs, queueUrl, count);
    }

    /** Waits until the queue holds {@code count} messages: every event delivered, none consumed yet. */
    private static void awaitQueued(SqsClient sqs, String queueUrl, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Not all " + count + " events reached the queue");
            }
            Thread.sleep(5);
        }
    }

    /** Receives (and deletes) until {@code count} messages arrived; fails after five minutes. */
    private static void drain(SqsClient sqs, String queueUrl, int count) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        int received = 0;
        while (received < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + received + " of " + count + " messages arrived");
            }
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            if (!messages.isEmpty()) {
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                for (Message message : messages) {
                    deletes.add(DeleteMessageBatchRequestEntry.builder().id(message.messageId())
                            .receiptHandle(message.receiptHandle()).build());
                }
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes));
                received += messages.size();
            }
        }
    }

    private static void parallel(int batches, BatchCall call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                int batch = i;
                futures.add(pool.submit(() -> {
                    call.run(batch);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String f(double value) {
        return String.format("%.1f", value);
    }

    @FunctionalInterface
    private interface BatchCall {
        void run(int batch);
    }
}
