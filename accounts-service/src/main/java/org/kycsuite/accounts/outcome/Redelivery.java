package org.kycsuite.accounts.outcome;

import io.smallrye.reactive.messaging.aws.sqs.SqsIncomingMetadata;
import io.smallrye.reactive.messaging.aws.sqs.fault.VisibilityTimeoutMetadata;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * How an SQS message is settled once its handler ran. Acknowledgement is manual, and its outcome never
 * fails the stream: a delete that fails (a receipt handle that expired meanwhile) only means the message
 * comes back, and its event id makes that a no-op. A message that can never be handled
 * ({@link PoisonMessageException}) is made visible again at once, so it reaches the dead-letter queue
 * after the redrive count without waiting. Any other failure is taken as transient (the database or
 * the bus briefly away): the message comes back later and later — 30 s, 1, 2, 4 minutes with the
 * queue's five receives — so an outage of several minutes delays outcomes without dead-lettering them.
 */
final class Redelivery {

    private static final Logger LOG = Logger.getLogger(Redelivery.class);
    static final int FIRST_DELAY_SECONDS = 30;
    /** SQS's largest visibility timeout is 12 hours; a quarter of an hour is enough between attempts. */
    static final int MAX_DELAY_SECONDS = 900;

    private Redelivery() {
    }

    /** Runs {@code handler} on the payload and settles the message by the outcome. */
    static CompletionStage<Void> handle(Message<String> message, Consumer<String> handler) {
        try {
            handler.accept(message.getPayload());
        } catch (PoisonMessageException e) {
            LOG.errorf("Outcome message not handled, left for the dead-letter queue: %s", e.getMessage());
            return settle(message.nack(e, Metadata.of(new VisibilityTimeoutMetadata(0))), "nack");
        } catch (RuntimeException e) {
            int delay = delaySeconds(receiveCount(message));
            LOG.warnf("Applying an outcome failed (%s); the message is received again in %d s", e, delay);
            return settle(message.nack(e, Metadata.of(new VisibilityTimeoutMetadata(delay))), "nack");
        }
        return settle(message.ack(), "ack");
    }

    /** The wait before the next receive after the {@code receiveCount}-th failed with a transient error. */
    static int delaySeconds(int receiveCount) {
        long delay = (long) FIRST_DELAY_SECONDS << Math.min(Math.max(receiveCount, 1) - 1, 20);
        return (int) Math.min(delay, MAX_DELAY_SECONDS);
    }

    private static int receiveCount(Message<String> message) {
        return message.getMetadata(SqsIncomingMetadata.class)
                .map(metadata -> metadata.getMessage().attributes()
                        .get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
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
