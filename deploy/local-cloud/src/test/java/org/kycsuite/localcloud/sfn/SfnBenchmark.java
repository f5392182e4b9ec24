package org.kycsuite.localcloud.sfn;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Throughput of the engine through the real SfnClient (not a test; run it by hand):
 * {@code ./mvnw -o -q -pl deploy/local-cloud test-compile exec:java -Dexec.mainClass=...} or from the IDE.
 * Reports state transitions/s and executions/s for a 10-state Pass machine and a putEvents machine.
 */
public final class SfnBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(SfnBenchmark.class);
    private static final int EXECUTIONS = Integer.getInteger("executions", 200);
    private static final int CLIENTS = Integer.getInteger("clients", 8);

    private SfnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LocalCloudConfig config = LocalCloudConfig.ephemeral(Files.createTempDirectory("sfn-bench"));
        try (LocalCloud cloud = LocalCloud.start(config);
             SfnClient sfn = SfnFixture.client(cloud);
             EventBridgeClient events = Clients.eventBridge(cloud)) {
            events.createEventBus(b -> b.name("bench-bus"));
            StringBuilder passes = new StringBuilder("{\"StartAt\":\"P0\",\"States\":{");
            for (int i = 0; i < 10; i++) {
                passes.append(i == 0 ? "" : ",").append("\"P").append(i).append("\":{\"Type\":\"Pass\",")
                        .append(i == 9 ? "\"End\":true}" : "\"Next\":\"P" + (i + 1) + "\"}");
            }
            passes.append("}}");
            String publish = SfnFixture.q("""
                    {'StartAt':'Publish','States':{'Publish':{'Type':'Task',
                      'Resource':'arn:aws:states:::events:putEvents','Parameters':{'Entries':[{
                        'EventBusName':'bench-bus','Source':'bench','DetailType':'Bench','Detail':{'n.$':'$.n'}}]},
                      'End':true}}}""");
            measure(sfn, "pass-only (10 Pass states)", passes.toString(), 10, EXECUTIONS / 4);
            measure(sfn, "pass-only (10 Pass states)", passes.toString(), 10, EXECUTIONS);
            measure(sfn, "putEvents task", publish, 1, EXECUTIONS);
        }
    }

    private static void measure(SfnClient sfn, String label, String definition, int states, int count)
            throws Exception {
        String machine = sfn.createStateMachine(b -> b.name("bench-" + System.nanoTime()).definition(definition)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<String>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = i;
            started.add(pool.submit(() -> sfn.startExecution(b -> b.stateMachineArn(machine)
                    .input("{\"n\":" + n + "}")).executionArn()));
        }
        List<String> arns = new ArrayList<>();
        for (Future<String> future : started) {
            arns.add(future.get());
        }
        pool.shutdown();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        for (String arn : arns) {
            while (sfn.describeExecution(b -> b.executionArn(arn)).status() == ExecutionStatus.RUNNING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Benchmark executions did not finish");
                }
                Thread.sleep(5);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}: {} executions in {} s = {} executions/s, {} state transitions/s", label, count,
                String.format("%.2f", seconds), String.format("%.1f", count / seconds),
                String.format("%.1f", count * (double) states / seconds));
    }
}
