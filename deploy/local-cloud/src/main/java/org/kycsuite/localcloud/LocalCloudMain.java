package org.kycsuite.localcloud;

import java.util.concurrent.CountDownLatch;
import org.kycsuite.localcloud.cli.LocalCloudArguments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar local-cloud.jar}: starts the local cloud and runs until SIGTERM or Ctrl-C, then
 * stops it cleanly. Exits with 2 for bad arguments, 3 when a port is taken, 1 for any other failure.
 */
public final class LocalCloudMain {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloudMain.class);

    private LocalCloudMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        LocalCloudConfig config;
        try {
            config = LocalCloudArguments.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            LOG.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        if (config == null) {
            return;
        }
        LocalCloud cloud;
        try {
            cloud = LocalCloud.start(config);
        } catch (LocalCloud.PortInUseException e) {
            LOG.error("Cannot start: {}. Stop the other process or choose another port (--edge-port, --sqs-port).",
                    e.getMessage());
            System.exit(3);
            return;
        } catch (RuntimeException e) {
            LOG.error("Cannot start the local cloud: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the local cloud");
            cloud.close();
            stopped.countDown();
        }, "local-cloud-shutdown"));
        LOG.info("Ready in {} ms: EventBridge {} | SQS {} | health {}/health",
                (System.nanoTime() - started) / 1_000_000, cloud.edgeEndpoint(), cloud.sqsEndpoint(),
                cloud.edgeEndpoint());
        stopped.await();
    }
}
