package org.kycsuite.kyc.review;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Reads SQS {@code kyc-manual-reviews} (channel {@value #CHANNEL}); a failure leaves the message for redelivery. */
@ApplicationScoped
public class ManualReviewConsumer {

    static final String CHANNEL = "manual-reviews";

    @Inject
    ReviewInbox inbox;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(String message) {
        inbox.receive(message);
    }
}
