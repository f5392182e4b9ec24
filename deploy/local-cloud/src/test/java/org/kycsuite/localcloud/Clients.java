package org.kycsuite.localcloud;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Real AWS SDK v2 clients pointed at a local cloud, as the services configure theirs. */
public final class Clients {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private Clients() {
    }

    public static EventBridgeClient eventBridge(LocalCloud cloud) {
        return eventBridge(cloud.edgeEndpoint());
    }

    public static EventBridgeClient eventBridge(URI endpoint) {
        return EventBridgeClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static SqsClient sqs(LocalCloud cloud) {
        return sqs(cloud.sqsEndpoint());
    }

    public static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates a queue and returns its ARN. */
    public static String createQueue(SqsClient sqs, String name) {
        String url = sqs.createQueue(builder -> builder.queueName(name)).queueUrl();
        return sqs.getQueueAttributes(builder -> builder.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives until {@code count} messages arrived (deleting them) or {@code timeout} passed. */
    public static List<Message> receive(SqsClient sqs, String queueUrl, int count, Duration timeout) {
        List<Message> messages = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            List<Message> batch = sqs.receiveMessage(builder -> builder.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message message : batch) {
                messages.add(message);
                sqs.deleteMessage(builder -> builder.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return messages;
    }
}
