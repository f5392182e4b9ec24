package org.kycsuite.kyc.review;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads SQS {@code kyc-manual-reviews} (channel {@value #CHANNEL}); a failure leaves the message for redelivery.
 *
 * <p>Acknowledgement is manual so that SQS trouble around one message never ends the subscription:
 * a failed delete (a receipt handle that went stale while the message waited) only means the
 * message comes back, and its event id makes the redelivery a no-op.
 */
@ApplicationScoped
public class ManualReviewConsumer {

    static final String CHANNEL = "manual-reviews";

    private static final Logger LOG = Logger.getLogger(ManualReviewConsumer.class);

    @Inject
    ReviewInbox inbox;

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            inbox.receive(message.getPayload());
        } catch (RuntimeException e) {
            LOG.warnf("Review message not taken (%s); it is received again, then goes to the DLQ",
                    e.getClass().getSimpleName());
            return settle(message.nack(e), "nack");
        }
        return settle(message.ack(), "ack");
    }

    private static CompletionStage<Void> settle(CompletionStage<Void> settlement, String what) {
        return settlement.exceptionally(failure -> {
            LOG.warnf("SQS %s failed (%s); the message will be received again and skipped by its event id",
                    what, failure.getClass().getSimpleName());
            return null;
        });
    }
}
