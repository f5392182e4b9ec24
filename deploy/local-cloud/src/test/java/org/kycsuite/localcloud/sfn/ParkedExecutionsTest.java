package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Waiting executions hold no thread: hundreds of executions in a Wait state or waiting for their task
 * tokens (more than the engine's bounded pool has threads) all wait at once and all finish as their
 * waits end.
 */
class ParkedExecutionsTest {

    private static SfnFixture fixture;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.start(Map.of());
        sqs = Clients.sqs(fixture.cloud);
        Clients.createQueue(sqs, "parked-tokens");
        queueUrl = fixture.cloud.queueUrl("parked-tokens");
    }

    @AfterAll
    static void stop() {
        sqs.close();
        fixture.close();
    }

    @Test
    void hundredsOfWaitingExecutionsHoldNoThread() {
        String machine = fixture.machine(q("""
                {'StartAt':'Hold','States':{
                 'Hold':{'Type':'Wait','Seconds':12,'Next':'Done'},
                 'Done':{'Type':'Pass','Result':'woke','ResultPath':'$.state','End':true}}}"""));
        int count = 300;
        Map<Integer, String> executions = startAll(machine, count);
        // more executions wait than the pool has threads, and none of them holds one
        await().atMost(Duration.ofSeconds(10)).until(() -> executionThreads() == 0);
        assertThat(executions(machine, ExecutionStatus.RUNNING)).isEqualTo(count);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> executions(machine, ExecutionStatus.SUCCEEDED) == count);
        for (int i = 0; i < count; i += 40) {
            int n = i;
            var output = SfnFixture.json(fixture.sfn.describeExecution(b -> b.executionArn(executions.get(n)))
                    .output());
            assertThat(output.path("n").asInt()).isEqualTo(n);
            assertThat(output.path("state").asText()).isEqualTo("woke");
        }
    }

    @Test
    void executionsWaitingForTokensHoldNoThreadAndResumeWhenDecided() {
        String machine = fixture.machine(q("""
                {'StartAt':'Ask','States':{'Ask':{'Type':'Task',
                  'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  'Parameters':{'QueueUrl':'%s','MessageBody':{'n.$':'$.n','token.$':'$$.Task.Token'}},
                  'TimeoutSeconds':300,'ResultPath':'$.answer','End':true}}}""".formatted(queueUrl)));
        int count = 150;
        Map<Integer, String> executions = startAll(machine, count);
        List<Message> asked = Clients.receive(sqs, queueUrl, count, Duration.ofSeconds(60));
        assertThat(asked).hasSize(count);
        // every execution has published its token: all of them wait, on no thread
        await().atMost(Duration.ofSeconds(10)).until(() -> executionThreads() == 0);
        assertThat(executions(machine, ExecutionStatus.RUNNING)).isEqualTo(count);

        for (Message message : asked) {
            var body = SfnFixture.json(message.body());
            int n = body.path("n").asInt();
            fixture.sfn.sendTaskSuccess(b -> b.taskToken(body.path("token").asText())
                    .output("{\"decided\":" + n + "}"));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> executions(machine, ExecutionStatus.SUCCEEDED) == count);
        for (Map.Entry<Integer, String> execution : executions.entrySet()) {
            var done = fixture.sfn.describeExecution(b -> b.executionArn(execution.getValue()));
            assertThat(SfnFixture.json(done.output()).at("/answer/decided").asInt()).isEqualTo(execution.getKey());
        }
    }

    @Test
    void executionsBackingOffToRetryHoldNoThreadAndKeepTheirCounts() {
        String machine = fixture.machine(q("""
                {'StartAt':'Send','States':{'Send':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',
                  'Parameters':{'QueueUrl':'%s-missing','MessageBody':{'n.$':'$.n'}},
                  'Retry':[{'ErrorEquals':['States.ALL'],'IntervalSeconds':4,'MaxAttempts':2,'BackoffRate':1}],
                  'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.failure','Next':'GaveUp'}],'End':true},
                 'GaveUp':{'Type':'Pass','End':true}}}""".formatted(queueUrl)));
        int count = 150;
        Map<Integer, String> executions = startAll(machine, count);
        await().atMost(Duration.ofSeconds(4)).until(() -> executionThreads() == 0);
        assertThat(executions(machine, ExecutionStatus.RUNNING)).isEqualTo(count);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> executions(machine, ExecutionStatus.SUCCEEDED) == count);
        for (int i = 0; i < count; i += 30) {
            String arn = executions.get(i);
            var output = SfnFixture.json(fixture.sfn.describeExecution(b -> b.executionArn(arn)).output());
            assertThat(output.path("n").asInt()).isEqualTo(i);
            assertThat(output.at("/failure/Error").asText()).isNotEmpty();
            // the first attempt and exactly two retries, counted across the waits without a thread
            assertThat(fixture.history(arn).stream().filter(e -> "TaskFailed".equals(e.typeAsString())))
                    .hasSize(3);
        }
    }

    @Test
    void aParkedExecutionStopsAndItsTokenIsClosed() {
        String machine = fixture.machine(q("""
                {'StartAt':'Ask','States':{'Ask':{'Type':'Task',
                  'Resource':'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
                  'Parameters':{'QueueUrl':'%s','MessageBody':{'n':-1,'token.$':'$$.Task.Token'}},
                  'ResultPath':'$.answer','End':true}}}""".formatted(queueUrl)));
        String execution = fixture.startExecution(machine, "{}");
        List<Message> asked = Clients.receive(sqs, queueUrl, 1, Duration.ofSeconds(20));
        assertThat(asked).hasSize(1);
        String token = SfnFixture.json(asked.get(0).body()).path("token").asText();

        fixture.sfn.stopExecution(b -> b.executionArn(execution).error("Stopped").cause("by the test"));

        assertThat(fixture.awaitDone(execution, Duration.ofSeconds(10)).status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fixture.history(execution).get(fixture.history(execution).size() - 1).typeAsString())
                        .isEqualTo("ExecutionAborted"));
    }

    /** Starts {@code count} executions with input {@code {"n": i}} from a few client threads. */
    private static Map<Integer, String> startAll(String machine, int count) {
        Map<Integer, String> executions = new ConcurrentHashMap<>();
        IntStream.range(0, count).parallel().forEach(n ->
                executions.put(n, fixture.startExecution(machine, "{\"n\":" + n + "}")));
        assertThat(executions).hasSize(count);
        return executions;
    }

    private static long executions(String machine, ExecutionStatus status) {
        return fixture.sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine).statusFilter(status))
                .executions().stream().count();
    }

    private static int executionThreads() {
        return fixture.cloud.executionThreads();
    }
}
