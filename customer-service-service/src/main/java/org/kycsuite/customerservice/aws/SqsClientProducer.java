package org.kycsuite.customerservice.aws;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The SQS client the {@code smallrye-sqs} connector uses (its channel names no region, so it takes
 * this bean). The connector stops its channel for good on an error SQS does not mark retryable, such
 * as the endpoint being unreachable while the local cloud restarts; retrying without limit (backoff
 * up to 20 s) makes the consumer wait out an outage and resume by itself.
 */
@Singleton
public class SqsClientProducer {

    @ConfigProperty(name = "kyc.sqs.region")
    String region;

    @ConfigProperty(name = "kyc.sqs.endpoint")
    Optional<URI> endpoint;

    /** The local cloud's SQS does not check signatures; on AWS the default chain (IAM role) applies. */
    @ConfigProperty(name = "kyc.sqs.anonymous", defaultValue = "false")
    boolean anonymous;

    @Produces
    @Singleton
    SqsAsyncClient sqs() {
        AwsCredentialsProvider credentials = anonymous ? AnonymousCredentialsProvider.create()
                : DefaultCredentialsProvider.builder().build();
        var builder = SqsAsyncClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(Integer.MAX_VALUE).circuitBreakerEnabled(false)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200),
                                Duration.ofSeconds(20)))
                        .build()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SqsAsyncClient client) {
        client.close();
    }
}
