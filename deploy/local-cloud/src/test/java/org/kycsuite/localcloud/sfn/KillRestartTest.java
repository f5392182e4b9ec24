package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloudProcess;
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

    private static final String MACHINE = q("""
            {'StartAt':'Ask','States':{'Ask':{'Type':'Task',
              'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              'Parameters':{'QueueUrl.$':'$.queueUrl','MessageBody':{'token.$':'$$.Task.Token'}},
              'TimeoutSeconds':300,'ResultPath':'$.answer','End':true}}}""");

    @Test
    void aKilledProcessResumesTheWaitingExecutionAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("sfn-kill");
        int sqsPort = LocalCloudProcess.freePort();
        int firstEdge = LocalCloudProcess.freePort();
        Process first = LocalCloudProcess.launch(dataDir, firstEdge, sqsPort);
        String execution;
        String token;
        try {
            LocalCloudProcess.awaitReady(first, firstEdge);
            int edgePort = firstEdge;
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

        int secondEdge = LocalCloudProcess.freePort();
        Process second = LocalCloudProcess.launch(dataDir, secondEdge, sqsPort);
        try {
            LocalCloudProcess.awaitReady(second, secondEdge);
            int edgePort = secondEdge;
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

    private static SfnClient client(int edgePort) {
        return SfnClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + edgePort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
