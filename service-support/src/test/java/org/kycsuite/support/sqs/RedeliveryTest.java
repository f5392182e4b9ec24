package org.kycsuite.support.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.reactive.messaging.aws.sqs.SqsIncomingMetadata;
import io.smallrye.reactive.messaging.aws.sqs.fault.VisibilityTimeoutMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class RedeliveryTest {

    private final List<String> settled = new ArrayList<>();

    @Test
    void aHandledMessageIsAcknowledgedAndAFailedDeleteDoesNotFailTheStream() throws Exception {
        Message<String> message = message(1, CompletableFuture.failedFuture(new IllegalStateException("expired")));
        Redelivery.handle(message, body -> { }, "test message").toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(settled).containsExactly("ack");
    }

    @Test
    void aPoisonMessageIsVisibleAgainAtOnceSoItReachesTheDeadLetterQueue() throws Exception {
        Redelivery.handle(message(1, null), body -> {
            throw new UnprocessableMessageException("not a KYC outcome");
        }, "test message").toCompletableFuture().get(1, TimeUnit.SECONDS);
        assertThat(settled).containsExactly("nack 0");
    }

    @Test
    void aTransientFailureWaitsLongerAtEachReceive() throws Exception {
        for (int receive = 1; receive <= 5; receive++) {
            Redelivery.handle(message(receive, null), body -> {
                throw new IllegalStateException("database unavailable");
            }, "test message").toCompletableFuture().get(1, TimeUnit.SECONDS);
        }
        assertThat(settled).containsExactly("nack 30", "nack 60", "nack 120", "nack 240", "nack 480");
        // the four waits before the fifth and last receive outlast a three-minute outage
        assertThat(30 + 60 + 120 + 240).isGreaterThan(180);
        assertThat(Redelivery.delaySeconds(30, Redelivery.FIRST_DELAY_SECONDS)).isEqualTo(Redelivery.MAX_DELAY_SECONDS);
        assertThat(Redelivery.delaySeconds(3, 2)).isEqualTo(8);
    }

    @Test
    void theReceiveCountIsRequested() {
        software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest.Builder request =
                software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest.builder();
        Redelivery.requestReceiveCount(request);
        assertThat(request.build().messageSystemAttributeNames()).containsExactly(Redelivery.RECEIVE_COUNT);
    }

    private Message<String> message(int receiveCount, CompletableFuture<Void> ackOutcome) {
        software.amazon.awssdk.services.sqs.model.Message sqs = software.amazon.awssdk.services.sqs.model.Message
                .builder().body("{}").receiptHandle("r").attributesWithStrings(Map.of(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString(),
                        String.valueOf(receiveCount))).build();
        return Message.of("{}", Metadata.of(new SqsIncomingMetadata(sqs)))
                .withAck(() -> {
                    settled.add("ack");
                    return ackOutcome == null ? CompletableFuture.completedFuture(null) : ackOutcome;
                })
                .withNackWithMetadata((reason, metadata) -> {
                    settled.add("nack " + metadata.get(VisibilityTimeoutMetadata.class).orElseThrow()
                            .getVisibilityTimeout());
                    return CompletableFuture.failedFuture(new IllegalStateException("visibility change failed"));
                });
    }
}
