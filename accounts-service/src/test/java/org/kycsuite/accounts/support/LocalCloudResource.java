package org.kycsuite.accounts.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real local cloud (EventBridge + SQS on the AWS wire protocols) for the @QuarkusTests, on free
 * ports, provisioned from the suite's SAM template, plus a test queue that receives every
 * {@code bank.accounts} event through a rule. Consumer settings are shortened (visibility timeout
 * 2 s, 2 receives before the DLQ) so redelivery and dead-lettering show within a test.
 */
public class LocalCloudResource implements QuarkusTestResourceLifecycleManager {

    private LocalCloudControl control;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory("accounts-local-cloud");
            control = new LocalCloudControl(dataDir, freePort(), freePort(),
                    Path.of("../deploy/aws/template.yaml").toAbsolutePath().normalize());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        control.start();
        control.subscribeTestQueue();
        return Map.of(
                "accounts.aws.events-endpoint", control.edgeEndpoint().toString(),
                "accounts.aws.sqs-endpoint", control.sqsEndpoint().toString(),
                "accounts.aws.region", "us-east-1",
                "mp.messaging.incoming.kyc-outcomes.wait-time-seconds", "1");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(control,
                new TestInjector.AnnotatedAndMatchesType(InjectLocalCloud.class, LocalCloudControl.class));
    }

    @Override
    public void stop() {
        if (control != null) {
            control.stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
