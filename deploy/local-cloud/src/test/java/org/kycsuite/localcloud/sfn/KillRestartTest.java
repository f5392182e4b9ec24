package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** kill -9 of a real local-cloud process while an execution waits for its task token, then a restart. */
class KillRestartTest {

    private static final Map<Process, Integer> PORTS = new ConcurrentHashMap<>();

    private static final String MACHINE = q("""
            {'StartAt':'Ask','States':{'Ask':{'Type':'Task',
              'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              'Parameters':{'QueueUrl.$':'$.queueUrl','MessageBody':{'token.$':'$$.Task.Token'}},
              'TimeoutSeconds':300,'ResultPath':'$.answer','End':true}}}""");

    @Test
    void aKilledProcessResumesTheWaitingExecutionAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("sfn-kill");
        int sqsPort = freePort();
        Process first = launch(dataDir, freePort(), sqsPort);
        String execution;
        String token;
        try {
            int edgePort = awaitReady(first);
            try (SfnClient sfn = client(edgePort);
                 SqsClient sqs = Clients.sqs(URI.create("http://127.0.0.1:" + sqsPort))) {
                String queueUrl = sqs.createQueue(b -> b.queueName("kill-tokens")).queueUrl();
                String machine = sfn.createStateMachine(b -> b.name("kill-me").definition(MACHINE)
                        .roleArn(SfnFixture.ROLE)).stateMachineArn();
                execution = sfn.startExecution(b -> b.stateMachineArn(machine)
                        .input("{\"queueUrl\":\"" + queueUrl + "\"}")).executionArn();
                List<Message> messages = Clients.receive(sqs, queueUrl, 1, Duration.ofSeconds(20));
                token = SfnFixture.json(messages.get(0).body()).path("token").asText();
            }
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = launch(dataDir, freePort(), sqsPort);
        try {
            int edgePort = awaitReady(second);
            try (SfnClient sfn = client(edgePort)) {
                String sameExecution = execution;
                assertThat(sfn.describeExecution(b -> b.executionArn(sameExecution)).status())
                        .isEqualTo(ExecutionStatus.RUNNING);
                String sameToken = token;
                sfn.sendTaskSuccess(b -> b.taskToken(sameToken).output("{\"ok\":true}"));
                await().atMost(Duration.ofSeconds(20)).until(() -> sfn.describeExecution(b -> b.executionArn(
                        sameExecution)).status() == ExecutionStatus.SUCCEEDED);
                assertThat(SfnFixture.json(sfn.describeExecution(b -> b.executionArn(sameExecution)).output())
                        .at("/answer/ok").asBoolean()).isTrue();
            }
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    private static Process launch(Path dataDir, int edgePort, int sqsPort) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.kycsuite.localcloud.LocalCloudMain", "--data-dir", dataDir.toString(), "--edge-port",
                String.valueOf(edgePort), "--sqs-port", String.valueOf(sqsPort), "--no-template");
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve("process-" + edgePort + ".log").toFile());
        Process process = builder.start();
        PORTS.put(process, edgePort);
        return process;
    }

    private static int awaitReady(Process process) {
        int port = PORTS.get(process);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("local cloud process exited with " + process.exitValue());
            }
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
        return port;
    }

    private static SfnClient client(int edgePort) {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + edgePort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
