package org.kycsuite.accounts.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClientBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The plain AWS SDK v2 clients (no Quarkus extension resolves here), pointed at the local cloud or
 * AWS by {@link AwsConfig}.
 */
@ApplicationScoped
public class AwsClients {

    /**
     * EventBridge for the outbox relay. SDK retries are few and short: the relay owns retrying, with
     * its own backoff, and must notice an outage rather than hang in it.
     */
    @Produces
    @Singleton
    EventBridgeClient eventBridge(AwsConfig config) {
        EventBridgeClientBuilder builder = EventBridgeClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                // Apache's client sends a request in one segment (TCP_NODELAY); URLConnection's
                // waited ~40 ms per PutEvents for a delayed ACK on loopback, capping the relay.
                .httpClient(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD)
                        .apiCallTimeout(Duration.ofSeconds(20)));
        config.eventsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * SQS for SmallRye's connector, which uses this bean because its channel names no region. The
     * connector only retries errors that SQS itself marks retryable; an unreachable endpoint would
     * end the channel for good. So this client retries without limit (backoff up to 20 s, no retry
     * quota): during an outage the consumer waits, and it resumes when SQS is back.
     */
    @Produces
    @Singleton
    SqsAsyncClient sqs(AwsConfig config) {
        SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials(config))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(Integer.MAX_VALUE)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200),
                                Duration.ofSeconds(20)))
                        .circuitBreakerEnabled(false)
                        .build()));
        config.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes EventBridgeClient client) {
        client.close();
    }

    void close(@Disposes SqsAsyncClient client) {
        client.close();
    }

    private static AwsCredentialsProvider credentials(AwsConfig config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
