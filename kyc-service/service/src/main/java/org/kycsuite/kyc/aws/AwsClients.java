package org.kycsuite.kyc.aws;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The AWS SDK clients: Step Functions for review decisions and the SQS client the {@code smallrye-sqs}
 * connector picks up. Endpoints are overridden for the local cloud; in production they are unset and
 * the default credentials chain applies.
 */
@Singleton
public class AwsClients {

    @ConfigProperty(name = "kyc.aws.region", defaultValue = "us-east-1")
    String region;

    @ConfigProperty(name = "kyc.aws.endpoint")
    Optional<URI> endpoint;

    @ConfigProperty(name = "kyc.sqs.endpoint")
    Optional<URI> sqsEndpoint;

    @ConfigProperty(name = "kyc.aws.static-credentials", defaultValue = "true")
    boolean staticCredentials;

    @ConfigProperty(name = "kyc.aws.api-call-timeout", defaultValue = "PT10S")
    Duration apiCallTimeout;

    /** The Step Functions client that sends review decisions: one HTTP request per call, no retries. */
    public static final String DECISIONS = "sfn-decisions";

    @Produces
    @Singleton
    SfnClient stepFunctions() {
        return stepFunctions(RetryMode.STANDARD);
    }

    /**
     * SendTaskSuccess is counted per call to tell a refused token apart (see ReviewDecisions): a retry
     * inside the SDK would be a call nobody counted, so this client makes exactly one request per call.
     */
    @Produces
    @Singleton
    @Identifier(DECISIONS)
    SfnClient decisions() {
        return stepFunctions(null);
    }

    private SfnClient stepFunctions(RetryMode retries) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout);
        if (retries == null) {
            override.retryStrategy(AwsRetryStrategy.doNotRetry());
        } else {
            override.retryStrategy(retries);
        }
        var builder = SfnClient.builder().region(Region.of(region)).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)).build())
                .overrideConfiguration(override.build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The connector stops its channel for good on an error SQS does not mark retryable, such as the
     * endpoint being unreachable while the local cloud restarts. Retrying without limit (backoff up
     * to 20 s) makes the inbox wait out an outage and resume by itself.
     */
    @Produces
    @Singleton
    SqsAsyncClient sqs() {
        var builder = SqsAsyncClient.builder().region(Region.of(region)).credentialsProvider(credentials())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(Integer.MAX_VALUE).circuitBreakerEnabled(false)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200),
                                Duration.ofSeconds(20)))
                        .build()));
        sqsEndpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    void close(@Disposes SfnClient client) {
        client.close();
    }

    void closeDecisions(@Disposes @Identifier(DECISIONS) SfnClient client) {
        client.close();
    }

    void close(@Disposes SqsAsyncClient client) {
        client.close();
    }

    private AwsCredentialsProvider credentials() {
        return staticCredentials ? StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))
                : DefaultCredentialsProvider.builder().build();
    }
}
