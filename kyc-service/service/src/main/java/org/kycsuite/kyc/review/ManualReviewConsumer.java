package org.kycsuite.kyc.review;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.kycsuite.support.sqs.Redelivery;

/**
 * Reads SQS {@code kyc-manual-reviews} (channel {@value #CHANNEL}). Acknowledgement is manual
 * ({@link Redelivery}): a failed delete never ends the subscription, a message that is not a valid
 * review request from the KYC workflow reaches the DLQ after the redrive count, and a transient failure
 * (the database away) brings the message back later and later instead of dead-lettering it.
 */
@ApplicationScoped
public class ManualReviewConsumer {

    static final String CHANNEL = "manual-reviews";

    @Inject
    ReviewInbox inbox;

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return Redelivery.handle(message, inbox::receive, "manual review request");
    }
}
