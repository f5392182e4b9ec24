package org.kycsuite.localcloud.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** What the bus sends in process arrives as if sent through the API (the SDK checks each body's MD5). */
class LocalQueuesTest {

    @TempDir
    Path dataDir;

    @Test
    void messagesSentInProcessAreReceivedThroughTheApiInOrderWithTheirAttributes() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start("127.0.0.1", 0, dataDir, "us-east-1", "000000000000");
             SqsClient client = Clients.sqs(URI.create(sqs.endpoint()))) {
            String url = client.createQueue(b -> b.queueName("in-process")).queueUrl();
            List<SqsJsonClient.SqsException> outcomes = sqs.localQueues().send("in-process",
                    List.of("{\"n\":1,\"t\":\"é€\"}", "{\"n\":2}", "bad \u0001 body"), Map.of("ERROR_CODE", "X.Y"));
            assertThat(outcomes.get(0)).isNull();
            assertThat(outcomes.get(1)).isNull();
            assertThat(outcomes.get(2).errorCode()).isEqualTo("InvalidMessageContents");

            List<Message> received = Clients.receive(client, url, 2, Duration.ofSeconds(10));
            assertThat(received).extracting(Message::body).containsExactly("{\"n\":1,\"t\":\"é€\"}", "{\"n\":2}");
            assertThat(received.get(0).messageAttributes().get("ERROR_CODE").stringValue()).isEqualTo("X.Y");
            assertThat(received.get(0).messageAttributes().get("ERROR_CODE").dataType()).isEqualTo("String");
        }
    }

    @Test
    void aMissingQueueIsReportedAsSqsReportsIt() {
        try (EmbeddedSqs sqs = EmbeddedSqs.start("127.0.0.1", 0, dataDir, "us-east-1", "000000000000")) {
            assertThatThrownBy(() -> sqs.localQueues().send("nowhere", List.of("{}"), Map.of()))
                    .isInstanceOfSatisfying(SqsJsonClient.SqsException.class, e ->
                            assertThat(e.errorCode()).contains("NonExistentQueue"));
            assertThat(LocalQueues.handles("orders.fifo")).isFalse();
        }
    }
}
