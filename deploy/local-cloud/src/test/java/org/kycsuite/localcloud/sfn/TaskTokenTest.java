package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@code events:putEvents} and {@code .waitForTaskToken}: the bus gets the event, the task waits for its token. */
class TaskTokenTest {

    private static SfnFixture fixture;
    private static EventBridgeClient events;
    private static SqsClient sqs;
    private static String queueUrl;

    @BeforeAll
    static void start() {
        // its own cloud: it reads events from SQS, and ElasticMQ's actors do not outlive another
        // embedded instance's shutdown in the same JVM, which the shared cloud would have to
        fixture = SfnFixture.start(java.util.Map.of());
        events = Clients.eventBridge(fixture.cloud);
        sqs = Clients.sqs(fixture.cloud);
        String queueArn = Clients.createQueue(sqs, "token-test-reviews");
        queueUrl = fixture.cloud.queueUrl("token-test-reviews");
        events.createEventBus(b -> b.name("token-bus"));
        events.putRule(b -> b.name("reviews").eventBusName("token-bus")
                .eventPattern("{\"detail-type\":[\"Manual review requested\", \"Published\"]}"));
        events.putTargets(b -> b.rule("reviews").eventBusName("token-bus").targets(t -> t.id("q").arn(queueArn)));
    }

    @AfterAll
    static void stop() {
        sqs.close();
        events.close();
        fixture.close();
    }

    private static String waitingMachine(String timeout) {
        return fixture.machine(q("""
                {'StartAt':'Review','States':{
                 'Review':{'Type':'Task','Resource':'arn:aws:states:::events:putEvents.waitForTaskToken',
                  %s
                  'Parameters':{'Entries':[{'EventBusName':'token-bus','Source':'kyc.workflow',
                    'DetailType':'Manual review requested',
                    'Detail':{'applicationId.$':'$.id','taskToken.$':'$$.Task.Token'}}]},
                  'ResultPath':'$.review',
                  'Catch':[{'ErrorEquals':['States.Timeout'],'ResultPath':'$.timeout','Next':'TimedOut'},
                           {'ErrorEquals':['States.HeartbeatTimeout'],'ResultPath':'$.timeout','Next':'TimedOut'}],
                  'End':true},
                 'TimedOut':{'Type':'Pass','End':true}}}""".formatted(timeout)));
    }

    /** Receives the review event for {@code id} and returns its task token. */
    static String tokenFor(SqsClient client, String url, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (Message message : Clients.receive(client, url, 1, Duration.ofSeconds(2))) {
                JsonNode event = SfnFixture.json(message.body());
                if (id.equals(event.at("/detail/applicationId").asText())) {
                    return event.at("/detail/taskToken").asText();
                }
            }
        }
        throw new AssertionError("No review event for " + id);
    }

    @Test
    void publishesThenWaitsForSendTaskSuccess() {
        String execution = fixture.startExecution(waitingMachine("'TimeoutSeconds':60,"), "{\"id\":\"app-1\"}");
        String token = tokenFor(sqs, queueUrl, "app-1");
        assertThat(fixture.sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
        fixture.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"decision\":\"APPROVE\"}"));
        var done = fixture.awaitDone(execution, Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(SfnFixture.json(done.output())).isEqualTo(SfnFixture.json(
                "{\"id\":\"app-1\",\"review\":{\"decision\":\"APPROVE\"}}"));
        List<String> types = fixture.history(execution).stream().map(HistoryEvent::typeAsString).toList();
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        HistoryEvent submitted = fixture.history(execution).get(4);
        assertThat(SfnFixture.json(submitted.taskSubmittedEventDetails().output()).at("/Entries/0/EventId").asText())
                .isNotEmpty();
        assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void sendTaskFailureFailsTheTaskWithTheGivenError() {
        String machine = fixture.machine(q("""
                {'StartAt':'Review','States':{
                 'Review':{'Type':'Task','Resource':'arn:aws:states:::events:putEvents.waitForTaskToken',
                  'Parameters':{'Entries':[{'EventBusName':'token-bus','Source':'kyc.workflow',
                    'DetailType':'Manual review requested',
                    'Detail':{'applicationId.$':'$.id','taskToken.$':'$$.Task.Token'}}]},'End':true}}}"""));
        String execution = fixture.startExecution(machine, "{\"id\":\"app-2\"}");
        String token = tokenFor(sqs, queueUrl, "app-2");
        fixture.sfn.sendTaskFailure(b -> b.taskToken(token).error("Reviewer.Rejected").cause("not convinced"));
        var done = fixture.awaitDone(execution, Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Reviewer.Rejected");
        assertThat(done.cause()).isEqualTo("not convinced");
    }

    @Test
    void waitForTaskTokenTimesOut() {
        String execution = fixture.startExecution(waitingMachine("'TimeoutSeconds':1,"), "{\"id\":\"app-3\"}");
        String token = tokenFor(sqs, queueUrl, "app-3");
        var done = fixture.awaitDone(execution, Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(SfnFixture.json(done.output()).at("/timeout/Error").asText()).isEqualTo("States.Timeout");
        assertThat(fixture.history(execution)).anySatisfy(e -> assertThat(e.typeAsString()).isEqualTo("TaskTimedOut"));
        assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{}")))
                .isInstanceOf(TaskTimedOutException.class);
    }

    @Test
    void timeoutSecondsPathAndHeartbeatsKeepATaskAlive() throws Exception {
        String execution = fixture.startExecution(waitingMachine("'TimeoutSecondsPath':'$.timeout',"
                + "'HeartbeatSeconds':1,"), "{\"id\":\"app-4\",\"timeout\":30}");
        String token = tokenFor(sqs, queueUrl, "app-4");
        for (int i = 0; i < 4; i++) {
            Thread.sleep(500);
            fixture.sfn.sendTaskHeartbeat(b -> b.taskToken(token));
        }
        assertThat(fixture.sfn.describeExecution(b -> b.executionArn(execution)).status())
                .isEqualTo(ExecutionStatus.RUNNING);
        var done = fixture.awaitDone(execution, Duration.ofSeconds(10));
        assertThat(SfnFixture.json(done.output()).at("/timeout/Error").asText()).isEqualTo("States.HeartbeatTimeout");
    }

    @Test
    void unknownAndMalformedTokensAreRejectedAsAws() {
        assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken("garbage").output("{}")))
                .isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> fixture.sfn.sendTaskSuccess(b -> b.taskToken("AQ" + "x".repeat(64)).output("{}")))
                .isInstanceOf(TaskDoesNotExistException.class);
    }

    @Test
    void aTimeoutRacingSendTaskSuccessHasExactlyOneOutcome() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                String id = "race-" + round;
                String execution = fixture.startExecution(waitingMachine("'TimeoutSeconds':2,"),
                        "{\"id\":\"" + id + "\"}");
                String token = tokenFor(sqs, queueUrl, id);
                long started = fixture.sfn.describeExecution(b -> b.executionArn(execution)).startDate()
                        .toEpochMilli();
                long elapsed = System.currentTimeMillis() - started;
                Thread.sleep(Math.max(0, 2000 - elapsed - 20));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> attempts = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    attempts.add(pool.submit(() -> {
                        go.await();
                        try {
                            fixture.sfn.sendTaskSuccess(b -> b.taskToken(token).output("{\"decision\":\"APPROVE\"}"));
                            return true;
                        } catch (TaskTimedOutException e) {
                            return false;
                        }
                    }));
                }
                go.countDown();
                int accepted = 0;
                for (Future<Boolean> attempt : attempts) {
                    accepted += attempt.get() ? 1 : 0;
                }
                var done = fixture.awaitDone(execution, Duration.ofSeconds(10));
                JsonNode output = SfnFixture.json(done.output());
                assertThat(accepted).isLessThanOrEqualTo(1);
                if (accepted == 1) {
                    assertThat(output.at("/review/decision").asText()).isEqualTo("APPROVE");
                    assertThat(output.has("timeout")).isFalse();
                } else {
                    assertThat(output.at("/timeout/Error").asText()).isEqualTo("States.Timeout");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void putEventsPublishesWithTheExecutionInResources() {
        var done = fixture.run(q("""
                {'StartAt':'Publish','States':{'Publish':{'Type':'Task','Resource':'arn:aws:states:::events:putEvents',
                  'Parameters':{'Entries':[{'EventBusName':'token-bus','Source':'kyc.workflow','DetailType':'Published',
                    'Detail':{'applicationId.$':'$.id'}}]},'End':true}}}"""), "{\"id\":\"pub-1\"}");
        JsonNode output = SfnFixture.json(done.output());
        assertThat(output.path("FailedEntryCount").asInt()).isZero();
        assertThat(output.at("/Entries/0/EventId").asText()).isNotEmpty();
        List<Message> messages = Clients.receive(sqs, queueUrl, 1, Duration.ofSeconds(10));
        JsonNode event = SfnFixture.json(messages.get(0).body());
        assertThat(event.at("/detail/applicationId").asText()).isEqualTo("pub-1");
        assertThat(event.path("resources").toString()).contains(done.executionArn()).contains(done.stateMachineArn());
    }

    @Test
    void aFailedEntryFailsTheTaskWithEventBridgeFailedEntry() {
        var done = fixture.run(q("""
                {'StartAt':'Publish','States':{'Publish':{'Type':'Task','Resource':'arn:aws:states:::events:putEvents',
                  'Parameters':{'Entries':[{'EventBusName':'no-such-bus','Source':'s','DetailType':'d',
                    'Detail':{}}]},'End':true}}}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("EventBridge.FailedEntry");
        assertThat(done.cause()).contains("FailedEntryCount");
    }
}
