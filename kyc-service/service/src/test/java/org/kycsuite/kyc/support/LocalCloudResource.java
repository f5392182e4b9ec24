package org.kycsuite.kyc.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;

/**
 * A real local cloud on free ports, provisioned from {@code deploy/aws/template.yaml} (bus, rules,
 * queues): started before Quarkus so the SQS connector finds its queue.
 */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

    private static LocalCloud cloud;

    public static LocalCloud cloud() {
        return cloud;
    }

    @Override
    public Map<String, String> start() {
        try {
            Path data = Files.createTempDirectory("kyc-local-cloud");
            Path template = Path.of("../../deploy/aws/template.yaml").toAbsolutePath().normalize();
            cloud = LocalCloud.start(LocalCloudConfig.ephemeral(data).withTemplate(template,
                    Map.of("ConsumerVisibilityTimeout", "2")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("kyc.aws.endpoint", cloud.edgeEndpoint().toString(),
                "kyc.sqs.endpoint", cloud.sqsEndpoint().toString(),
                "mp.messaging.incoming.manual-reviews.visibility-timeout", "2");
    }

    @Override
    public void stop() {
        if (cloud != null) {
            cloud.close();
        }
    }
}
