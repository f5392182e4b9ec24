package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sqs.SqsClient;

/** A restart on the same data directory resumes running executions: waiting tokens, deadlines, Wait states. */
class ExecutionDurabilityTest {

    private static final String MACHINE = q("""
            {'StartAt':'Before','States':{
             'Before':{'Type':'Pass','Result':'before','ResultPath':'$.before','Next':'Review'},
             'Review':{'Type':'Task','Resource':'arn:aws:states:::events:putEvents.waitForTaskToken',
              'TimeoutSecondsPath':'$.timeout',
              'Parameters':{'Entries':[{'EventBusName':'durable-bus','Source':'kyc.workflow',
                'DetailType':'Manual review requested',
                'Detail':{'applicationId.$':'$.id','taskToken.$':'$$.Task.Token'}}]},
              'ResultPath':'$.review',
              'Catch':[{'ErrorEquals':['States.Timeout'],'ResultPath':'$.timedOut','Next':'After'}],
              'Next':'After'},
             'After':{'Type':'Pass','End':true}}}""");
    private static final String WAITING = q("""
            {'StartAt':'Sleep','States':{'Sleep':{'Type':'Wait','Seconds':3,'Next':'Done'},
             'Done':{'Type':'Pass','Result':'woke','ResultPath':'$.state','End':true}}}""");

    @Test
    void aRestartResumesAWaitingExecutionWithItsTokenAndFiresDeadlinesThatPassedWhileDown() throws Exception {
        Path dataDir = Files.createTempDirectory("sfn-durable");
        String approved;
        String expiring;
        String sleeping;
        String token;
        try (LocalCloud first = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
             SfnClient sfn = SfnFixture.client(first);
             EventBridgeClient events = Clients.eventBridge(first);
             SqsClient sqs = Clients.sqs(first)) {
            String queueArn = Clients.createQueue(sqs, "durable-reviews");
            events.createEventBus(b -> b.name("durable-bus"));
            events.putRule(b -> b.name("reviews").eventBusName("durable-bus")
                    .eventPattern("{\"source\":[\"kyc.workflow\"]}"));
            events.putTargets(b -> b.rule("reviews").eventBusName("durable-bus").targets(t -> t.id("q")
                    .arn(queueArn)));
            String machine = sfn.createStateMachine(b -> b.name("durable").definition(MACHINE)
                    .roleArn(SfnFixture.ROLE)).stateMachineArn();
            String waitMachine = sfn.createStateMachine(b -> b.name("durable-wait").definition(WAITING)
                    .roleArn(SfnFixture.ROLE)).stateMachineArn();
            approved = sfn.startExecution(b -> b.stateMachineArn(machine).name("approved")
                    .input("{\"id\":\"keep\",\"timeout\":120}")).executionArn();
            expiring = sfn.startExecution(b -> b.stateMachineArn(machine).name("expiring")
                    .input("{\"id\":\"expire\",\"timeout\":2}")).executionArn();
            token = TaskTokenTest.tokenFor(sqs, first.queueUrl("durable-reviews"), "keep");
            sleeping = sfn.startExecution(b -> b.stateMachineArn(waitMachine).input("{}")).executionArn();
        }
        Thread.sleep(3000);

        try (LocalCloud second = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
             SfnClient sfn = SfnFixture.client(second);
             SqsClient sqs = Clients.sqs(second)) {
            SfnFixture fixture = new SfnFixture(dataDir, second, sfn);
            assertThat(sfn.describeExecution(b -> b.executionArn(approved)).status())
                    .isEqualTo(ExecutionStatus.RUNNING);
            String sameToken = token;
            sfn.sendTaskSuccess(b -> b.taskToken(sameToken).output("{\"decision\":\"APPROVE\"}"));

            var done = fixture.awaitDone(approved, Duration.ofSeconds(10));
            assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(SfnFixture.json(done.output()).at("/review/decision").asText()).isEqualTo("APPROVE");
            List<String> types = fixture.history(approved).stream().map(HistoryEvent::typeAsString).toList();
            assertThat(types.stream().filter("PassStateEntered"::equals)).hasSize(2);
            assertThat(types.stream().filter("TaskSubmitted"::equals)).hasSize(1);
            assertThat(types.stream().filter("TaskStateEntered"::equals)).hasSize(1);
            List<Long> ids = fixture.history(approved).stream().map(HistoryEvent::id).toList();
            assertThat(ids).doesNotHaveDuplicates().isSorted();

            JsonNode expired = SfnFixture.json(fixture.awaitDone(expiring, Duration.ofSeconds(10)).output());
            assertThat(expired.at("/timedOut/Error").asText()).isEqualTo("States.Timeout");
            var woke = fixture.awaitDone(sleeping, Duration.ofSeconds(10));
            assertThat(SfnFixture.json(woke.output()).path("state").asText()).isEqualTo("woke");

            // the review was published once, before the restart: nothing new arrives after it
            assertThat(Clients.receive(sqs, second.queueUrl("durable-reviews"), 1, Duration.ofSeconds(2))
                    .stream().filter(m -> m.body().contains("\"keep\""))).isEmpty();
        }
    }
}
