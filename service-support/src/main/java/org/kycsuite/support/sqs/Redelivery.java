package org.kycsuite.support.sqs;

import io.smallrye.reactive.messaging.aws.sqs.SqsIncomingMetadata;
import io.smallrye.reactive.messaging.aws.sqs.fault.VisibilityTimeoutMetadata;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * How an SQS message is settled once its handler ran, for a channel of SmallRye's SQS connector with
 * {@code failure-strategy=visibility} (a nack sets the message's visibility timeout) and the receive
 * count requested ({@link #RECEIVE_COUNT}). Acknowledgement is manual, and its outcome never fails the
 * stream: a delete that fails (a receipt handle that expired meanwhile) only means the message comes
 * back, and its event id makes that a no-op. A message that can never be handled
 * ({@link UnprocessableMessageException}) is made visible again at once, so it reaches the dead-letter
 * queue after the redrive count without waiting. Any other failure is taken as transient (the database
 * or the bus briefly away): the message comes back later and later — 30 s, 1, 2, 4 minutes over the
 * queue's five receives — so an outage of several minutes delays messages without dead-lettering them.
 */
public final class Redelivery {

    /** The system attribute a channel's receive requests must ask for (see {@link #requestReceiveCount}). */
    public static final MessageSystemAttributeName RECEIVE_COUNT = MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT;
    static final int FIRST_DELAY_SECONDS = 30;
    /** SQS's largest visibility timeout is 12 hours; a quarter of an hour is enough between attempts. */
    static final int MAX_DELAY_SECONDS = 900;

    private static final Logger LOG = Logger.getLogger(Redelivery.class);

    private Redelivery() {
    }

    /**
     * Runs {@code handler} on the payload and settles the message by the outcome.
     *
     * @param what what the message is, for the log ("KYC outcome")
     */
    public static CompletionStage<Void> handle(Message<String> message, Consumer<String> handler, String what) {
        return handle(message, handler, what, FIRST_DELAY_SECONDS);
    }

    /**
     * As {@link #handle(Message, Consumer, String)}, with the first wait after a transient failure
     * {@code firstDelaySeconds} instead of 30 (each further receive doubles it).
     */
    public static CompletionStage<Void> handle(Message<String> message, Consumer<String> handler, String what,
                                               int firstDelaySeconds) {
        try {
            handler.accept(message.getPayload());
        } catch (UnprocessableMessageException e) {
            LOG.errorf("%s not handled, left for the dead-letter queue: %s", what, e.getMessage());
            return settle(message.nack(e, Metadata.of(new VisibilityTimeoutMetadata(0))), "nack");
        } catch (RuntimeException e) {
            int delay = delaySeconds(receiveCount(message), firstDelaySeconds);
            LOG.warnf("Handling a %s failed (%s); the message is received again in %d s", what, e, delay);
            return settle(message.nack(e, Metadata.of(new VisibilityTimeoutMetadata(delay))), "nack");
        }
        return settle(message.ack(), "ack");
    }

    /** Asks for the receive count in a channel's receive requests (from its request customizer). */
    public static void requestReceiveCount(ReceiveMessageRequest.Builder request) {
        request.messageSystemAttributeNames(RECEIVE_COUNT);
    }

    /** The wait before the next receive after the {@code receiveCount}-th failed with a transient error. */
    static int delaySeconds(int receiveCount, int firstDelaySeconds) {
        long delay = (long) Math.max(firstDelaySeconds, 0) << Math.min(Math.max(receiveCount, 1) - 1, 20);
        return (int) Math.min(delay, MAX_DELAY_SECONDS);
    }

    private static int receiveCount(Message<String> message) {
        return message.getMetadata(SqsIncomingMetadata.class)
                .map(metadata -> metadata.getMessage().attributes().get(RECEIVE_COUNT))
                .map(count -> {
                    try {
                        return Integer.parseInt(count);
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                })
                .orElse(1);
    }

    private static CompletionStage<Void> settle(CompletionStage<Void> settlement, String what) {
        return settlement.exceptionally(failure -> {
            LOG.warnf("SQS %s failed (%s); the message will be received again and skipped by its event id",
                    what, failure.getMessage());
            return null;
        });
    }
}
