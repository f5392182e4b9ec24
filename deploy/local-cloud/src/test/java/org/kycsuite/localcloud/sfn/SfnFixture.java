package org.kycsuite.localcloud.sfn;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** A local cloud and a real SfnClient for one test class, with helpers to run a definition. */
final class SfnFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/test";

    final Path dataDir;
    final LocalCloud cloud;
    final SfnClient sfn;

    private SfnFixture(Path dataDir, LocalCloud cloud) {
        this(dataDir, cloud, client(cloud));
    }

    SfnFixture(Path dataDir, LocalCloud cloud, SfnClient sfn) {
        this.dataDir = dataDir;
        this.cloud = cloud;
        this.sfn = sfn;
    }

    /** Functions every shared-fixture test may use; their handlers are set on {@link #FUNCTIONS}. */
    static final List<String> FUNCTION_NAMES = List.of("echo", "broken", "rejecting", "flaky", "slow");
    static final FunctionServer FUNCTIONS = new FunctionServer();
    private static SfnFixture shared;

    /**
     * One local cloud for the Step Functions test classes that need nothing special (starting one costs
     * seconds); it stops with the test JVM. Its functions are served by {@link #FUNCTIONS}, plus
     * {@code refused} mapped to a port nobody listens on.
     */
    static synchronized SfnFixture shared() {
        if (shared == null) {
            Map<String, String> urls = new java.util.HashMap<>();
            FUNCTION_NAMES.forEach(name -> urls.put(name, FUNCTIONS.url()));
            urls.put("refused", "http://127.0.0.1:1");
            shared = start(urls);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                shared.close();
                FUNCTIONS.close();
            }));
        }
        return shared;
    }

    static SfnFixture start(Map<String, String> functionUrls) {
        try {
            Path dir = Files.createTempDirectory("sfn-test");
            LocalCloudConfig config = LocalCloudConfig.ephemeral(dir).withFunctionUrls(functionUrls);
            return new SfnFixture(dir, LocalCloud.start(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SfnClient client(LocalCloud cloud) {
        return SfnClient.builder().endpointOverride(cloud.edgeEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates a state machine with a unique name; returns its ARN. */
    String machine(String definition) {
        return sfn.createStateMachine(b -> b.name("m-" + UUID.randomUUID().toString().substring(0, 8))
                .definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    String startExecution(String machineArn, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(machineArn).input(input)).executionArn();
    }

    /** Waits until the execution leaves RUNNING. */
    DescribeExecutionResponse awaitDone(String executionArn, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() ->
                sfn.describeExecution(b -> b.executionArn(executionArn)).status() != ExecutionStatus.RUNNING);
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    /** Runs {@code definition} on {@code input} to completion. */
    DescribeExecutionResponse run(String definition, String input) {
        return awaitDone(startExecution(machine(definition), input), Duration.ofSeconds(20));
    }

    /** Runs and returns the output of a machine that must succeed. */
    JsonNode output(String definition, String input) {
        DescribeExecutionResponse done = run(definition, input);
        if (done.status() != ExecutionStatus.SUCCEEDED) {
            throw new AssertionError("Execution " + done.status() + ": " + done.error() + " " + done.cause());
        }
        return json(done.output());
    }

    List<HistoryEvent> history(String executionArn) {
        return sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)).events().stream().toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Single quotes → double quotes, to keep ASL in Java strings readable. */
    static String q(String text) {
        return text.replace('\'', '"');
    }

    @Override
    public void close() {
        sfn.close();
        cloud.close();
    }
}
