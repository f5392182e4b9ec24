package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.sfn.FunctionServer.Reply;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** {@code arn:aws:states:::lambda:invoke} and plain function ARNs over Lambda's Invoke path; Retry and Catch. */
class LambdaIntegrationTest {

    private static final FunctionServer FUNCTIONS = SfnFixture.FUNCTIONS;
    private static SfnFixture fixture;
    private static final AtomicInteger FLAKY_CALLS = new AtomicInteger();

    @BeforeAll
    static void start() {
        FUNCTIONS
                .handle("echo", payload -> Reply.ok("{\"echo\":" + payload + "}"))
                .handle("broken", payload -> new Reply(500, null, "server exploded"))
                .handle("rejecting", payload -> new Reply(200, "Unhandled",
                        "{\"errorType\":\"com.example.ValidationError\",\"errorMessage\":\"bad applicant\"}"))
                .handle("flaky", payload -> FLAKY_CALLS.incrementAndGet() < 3 ? new Reply(503, null, "busy")
                        : Reply.ok("{\"ok\":true}"));
        fixture = SfnFixture.shared();
    }

    @Test
    void invokesByNameAndReturnsPayloadAndStatusCodeAsAws() {
        JsonNode output = fixture.output(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'echo','Payload':{'id.$':'$.id','fixed':1}},'End':true}}}"""),
                "{\"id\":\"a-1\"}");
        assertThat(output.path("StatusCode").asInt()).isEqualTo(200);
        assertThat(output.path("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(output.path("Payload")).isEqualTo(SfnFixture.json("{\"echo\":{\"id\":\"a-1\",\"fixed\":1}}"));
    }

    @Test
    void invokesByFunctionArnAndPlainResourceArn() {
        JsonNode byArn = fixture.output(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                 'Parameters':{'FunctionName':'arn:aws:lambda:us-east-1:000000000000:function:echo:$LATEST',
                 'Payload.$':'$'},'ResultSelector':{'body.$':'$.Payload'},'ResultPath':'$.result','End':true}}}"""),
                "{\"n\":1}");
        assertThat(byArn).isEqualTo(SfnFixture.json("{\"n\":1,\"result\":{\"body\":{\"echo\":{\"n\":1}}}}"));

        JsonNode plain = fixture.output(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task',
                 'Resource':'arn:aws:lambda:us-east-1:000000000000:function:echo','End':true}}}"""), "{\"n\":2}");
        assertThat(plain).isEqualTo(SfnFixture.json("{\"echo\":{\"n\":2}}"));
    }

    @Test
    void retriesWithBackoffThenCatches() {
        var done = fixture.run(q("""
                {'StartAt':'Call','States':{
                 'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'broken','Payload':{}},
                  'Retry':[{'ErrorEquals':['Lambda.ServiceException'],'IntervalSeconds':1,'MaxAttempts':2,
                            'BackoffRate':1.5}],
                  'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.failure','Next':'Recovered'}],'End':true},
                 'Recovered':{'Type':'Pass','End':true}}}"""), "{\"keep\":true}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        JsonNode output = SfnFixture.json(done.output());
        assertThat(output.path("keep").asBoolean()).isTrue();
        assertThat(output.at("/failure/Error").asText()).isEqualTo("Lambda.ServiceException");
        assertThat(output.at("/failure/Cause").asText()).contains("500");
        assertThat(FUNCTIONS.callsTo("broken")).isGreaterThanOrEqualTo(3);
        var history = fixture.history(done.executionArn());
        assertThat(history.stream().filter(e -> "TaskFailed".equals(e.typeAsString()))).hasSize(3);
        // 1 s then 1.5 s between the attempts
        assertThat(Duration.between(done.startDate(), done.stopDate())).isGreaterThanOrEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void retrySucceedsOnceTheFunctionRecovers() {
        JsonNode output = fixture.output(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'flaky'},'OutputPath':'$.Payload',
                  'Retry':[{'ErrorEquals':['States.TaskFailed'],'IntervalSeconds':1,'MaxAttempts':3,
                            'BackoffRate':1,'JitterStrategy':'FULL','MaxDelaySeconds':1}],'End':true}}}"""), "{}");
        assertThat(output).isEqualTo(SfnFixture.json("{\"ok\":true}"));
    }

    @Test
    void aHandlerErrorBecomesTheTaskErrorByItsErrorType() {
        var done = fixture.run(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'rejecting'},
                  'Catch':[{'ErrorEquals':['com.example.ValidationError'],'Next':'Handled'}],'End':true},
                  'Handled':{'Type':'Succeed'}}}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(SfnFixture.json(done.output()).path("Error").asText()).isEqualTo("com.example.ValidationError");
        assertThat(SfnFixture.json(done.output()).path("Cause").asText()).contains("bad applicant");
    }

    @Test
    void anUnreachableFunctionFailsTheExecutionWithAClientError() {
        var done = fixture.run(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'refused'},'End':true}}}"""), "{}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Lambda.SdkClientException");
        var types = fixture.history(done.executionArn()).stream().map(HistoryEvent::typeAsString).toList();
        assertThat(types).containsExactly("ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted",
                "TaskFailed", "ExecutionFailed");
    }

    @Test
    void anUnmappedFunctionIsResourceNotFound() {
        var done = fixture.run(q("""
                {'StartAt':'Call','States':{'Call':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'unknown-fn'},'End':true}}}"""), "{}");
        assertThat(done.error()).isEqualTo("Lambda.ResourceNotFoundException");
    }
}
