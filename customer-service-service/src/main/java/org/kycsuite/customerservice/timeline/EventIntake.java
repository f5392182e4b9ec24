package org.kycsuite.customerservice.timeline;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code customer-service-events} (every {@code bank.accounts} and {@code bank.kyc} event).
 * A thrown exception nacks the message: it stays on the queue, is received again after the
 * visibility timeout and, after the queue's redrive count, lands in its DLQ.
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
    public void consume(String body) {
        try {
            recorder.record(body);
        } catch (MalformedEventException e) {
            LOG.warnf("Malformed message nacked (it reaches the DLQ after the redrive count): %s", e.getMessage());
            throw e;
        }
    }
}
