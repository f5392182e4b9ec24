package org.kycsuite.customerservice.timeline;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.kycsuite.support.sqs.Redelivery;

/**
 * Consumes {@code customer-service-events} (every {@code bank.accounts} and {@code bank.kyc} event).
 * Acknowledgement is manual ({@link Redelivery}): a failed delete never ends the subscription, a
 * malformed message reaches the DLQ after the redrive count, and a transient failure (the database
 * away) brings the message back later and later instead of dead-lettering it.
 */
@ApplicationScoped
public class EventIntake {

    static final String CHANNEL = "customer-service-events";

    private final EventRecorder recorder;

    EventIntake(EventRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return Redelivery.handle(message, recorder::record, "KYC event");
    }
}
