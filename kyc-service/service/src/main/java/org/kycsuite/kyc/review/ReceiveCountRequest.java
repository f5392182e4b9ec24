package org.kycsuite.kyc.review;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.aws.sqs.SqsReceiveMessageRequestCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.kycsuite.support.sqs.Redelivery;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** Asks SQS for each review message's receive count, which sets how long a transient failure waits. */
@ApplicationScoped
@Identifier(ManualReviewConsumer.CHANNEL)
public class ReceiveCountRequest implements SqsReceiveMessageRequestCustomizer {

    @Override
    public void customize(ReceiveMessageRequest.Builder request) {
        Redelivery.requestReceiveCount(request);
    }
}
