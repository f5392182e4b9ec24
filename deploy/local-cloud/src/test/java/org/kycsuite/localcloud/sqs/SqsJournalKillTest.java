package org.kycsuite.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * SQS changes acknowledged just before a {@code kill -9} — sends, receives and deletes that are only
 * in the journal, not yet applied to the tables — are all there after a restart, and a message
 * deleted before the kill does not come back.
 */
class SqsJournalKillTest {

    @Test
    void acknowledgedSendsReceivesAndDeletesSurviveAKillBeforeTheirCheckpoint() throws Exception {
        Path dataDir = Files.createTempDirectory("sqs-journal-kill");
        int edgePort = freePort();
        int sqsPort = freePort();
        Map<String, String> kept = new HashMap<>();
        List<String> deleted = new ArrayList<>();
        String queueUrl;
        Process first = launch(dataDir, edgePort, sqsPort);
        try (SqsClient sqs = client(sqsPort)) {
            awaitReady(first, edgePort);
            queueUrl = sqs.createQueue(b -> b.queueName("journal-kill")).queueUrl();
            // The first 100 reach the tables at a checkpoint; their receives and deletes, and the
            // last 10 sends, live only in the journal when the process dies.
            String url = queueUrl;
            send(sqs, url, 0, 100);
            Thread.sleep(BatchedQueuePersistence.CHECKPOINT_INTERVAL.toMillis() + 2000);
            List<Message> received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(1)).messages();
            assertThat(received).hasSize(10);
            for (Message message : received.subList(0, 4)) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                deleted.add(message.body());
            }
            send(sqs, url, 100, 110);
            first.destroyForcibly().waitFor();
        } finally {
            first.destroyForcibly();
        }
        try (var files = Files.list(dataDir)) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("sqs-journal-"))
                    .mapToLong(file -> file.toFile().length()).sum()).isPositive();
        }

        Process second = launch(dataDir, edgePort, sqsPort);
        try (SqsClient sqs = client(sqsPort)) {
            awaitReady(second, edgePort);
            String url = queueUrl;
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                        .visibilityTimeout(60).messageSystemAttributeNames(
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages()) {
                    kept.put(message.body(), message.attributes()
                            .get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                }
                return kept.size() >= 106;
            });
            assertThat(kept).hasSize(106);
            assertThat(kept.keySet()).doesNotContainAnyElementsOf(deleted).allMatch(body -> body.endsWith("-é€"));
            // the six received before the kill were received again: the journal kept their first receive
            assertThat(kept.values().stream().filter("2"::equals).count()).isEqualTo(6);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static void send(SqsClient sqs, String url, int from, int to) {
        for (int batch = from; batch < to; batch += 10) {
            int first = batch;
            sqs.sendMessageBatch(b -> b.queueUrl(url).entries(IntStream.range(first, first + 10)
                    .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i)
                            .messageBody("body-" + i + "-é€").build())
                    .toList()));
        }
    }

    private static Process launch(Path dataDir, int edgePort, int sqsPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.kycsuite.localcloud.LocalCloudMain", "--data-dir", dataDir.toString(), "--edge-port",
                String.valueOf(edgePort), "--sqs-port", String.valueOf(sqsPort), "--no-template");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                dataDir.resolve("process.log").toFile()));
        return builder.start();
    }

    private static void awaitReady(Process process, int edgePort) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("local cloud process exited with " + process.exitValue());
            }
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }

    private static SqsClient client(int sqsPort) {
        return SqsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + sqsPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
