package org.kycsuite.customerservice.timeline;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.aws.sqs.SqsReceiveMessageRequestCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.kycsuite.support.sqs.Redelivery;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** Asks SQS for each event message's receive count, which sets how long a transient failure waits. */
@ApplicationScoped
@Identifier(EventIntake.CHANNEL)
public class ReceiveCountRequest implements SqsReceiveMessageRequestCustomizer {

    @Override
    public void customize(ReceiveMessageRequest.Builder request) {
        Redelivery.requestReceiveCount(request);
    }
}
