package org.kycsuite.accounts.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where the AWS clients go: the local cloud by default, AWS itself in prod (no overrides there). */
@ConfigMapping(prefix = "accounts.aws")
public interface AwsConfig {

    @WithDefault("us-east-1")
    String region();

    /** EventBridge endpoint override (the local cloud's edge); absent on AWS. */
    Optional<URI> eventsEndpoint();

    /** SQS endpoint override (the local cloud's ElasticMQ); absent on AWS. */
    Optional<URI> sqsEndpoint();

    /** Static credentials for the local cloud; absent on AWS, where the default chain applies. */
    Optional<String> accessKeyId();

    Optional<String> secretAccessKey();
}
