package org.kycsuite.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloudProcess;
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
        int edgePort = LocalCloudProcess.freePort();
        int sqsPort = LocalCloudProcess.freePort();
        Map<String, String> kept = new HashMap<>();
        List<String> deleted = new ArrayList<>();
        String queueUrl;
        Process first = LocalCloudProcess.launch(dataDir, edgePort, sqsPort);
        try (SqsClient sqs = Clients.sqs(URI.create("http://127.0.0.1:" + sqsPort))) {
            LocalCloudProcess.awaitReady(first, edgePort);
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

        Process second = LocalCloudProcess.launch(dataDir, edgePort, sqsPort);
        try (SqsClient sqs = Clients.sqs(URI.create("http://127.0.0.1:" + sqsPort))) {
            LocalCloudProcess.awaitReady(second, edgePort);
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
}
