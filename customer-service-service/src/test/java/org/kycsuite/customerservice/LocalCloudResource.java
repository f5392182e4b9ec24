package org.kycsuite.customerservice;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A real local cloud on free ports with the service's queue and its DLQ, created through the real
 * SQS API as the template does, but with a 3 s visibility timeout and a redrive count of 2 so a
 * poison message reaches the DLQ within seconds.
 */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

    static final String QUEUE = "customer-service-events";
    static final int MAX_RECEIVE_COUNT = 2;

    private static LocalCloud cloud;
    private static SqsClient sqs;
    private static String queueUrl;
    private static String dlqUrl;

    @Override
    public Map<String, String> start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("cs-local-cloud");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
        sqs = SqsClient.builder()
                .endpointOverride(cloud.sqsEndpoint())
                .region(Region.of(LocalCloudConfig.DEFAULT_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        dlqUrl = sqs.createQueue(b -> b.queueName(QUEUE + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        queueUrl = sqs.createQueue(b -> b.queueName(QUEUE).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn
                        + "\",\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\"}"))).queueUrl();
        return Map.of(
                "kyc.sqs.endpoint", cloud.sqsEndpoint().toString(),
                "kyc.sqs.customer-service-queue-url", queueUrl);
    }

    @Override
    public void stop() {
        if (sqs != null) {
            sqs.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    static SqsClient sqs() {
        return sqs;
    }

    static String queueUrl() {
        return queueUrl;
    }

    static String dlqUrl() {
        return dlqUrl;
    }
}
