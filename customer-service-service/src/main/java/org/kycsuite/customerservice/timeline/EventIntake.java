package org.kycsuite.customerservice.timeline;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Consumes {@code customer-service-events} (every {@code bank.accounts} and {@code bank.kyc} event).
 *
 * <p>Acknowledgement is manual so that SQS trouble around one message never ends the subscription:
 * a failed delete (e.g. a receipt handle that expired while the message waited in the batch) only
 * means the message comes back, and its event id makes the redelivery a no-op. A nack leaves the
 * message on the queue: it is received again after the visibility timeout and, after the queue's
 * redrive count, lands in its DLQ.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final EventRecorder recorder;

    EventIntake(EventRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming("customer-service-events")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            recorder.record(message.getPayload());
        } catch (MalformedEventException e) {
            LOG.warnf("Malformed message nacked (it reaches the DLQ after the redrive count): %s", e.getMessage());
            return settle(message.nack(e), "nack");
        } catch (RuntimeException e) {
            LOG.errorf(e, "Recording an event failed; the message will be received again");
            return settle(message.nack(e), "nack");
        }
        return settle(message.ack(), "ack");
    }

    private static CompletionStage<Void> settle(CompletionStage<Void> settlement, String what) {
        return settlement.exceptionally(failure -> {
            LOG.warnf("SQS %s failed (%s); the message will be received again and skipped by its event id",
                    what, failure.getMessage());
            return null;
        });
    }
}
