package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.sfn.FunctionServer.Reply;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Input and output processing, with the examples of the AWS documentation ("Processing input and output
 * in Step Functions", https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 * and its InputPath/Parameters/ResultSelector/ResultPath/OutputPath pages) and the ASL specification
 * (https://states-language.net/spec.html).
 */
class InputOutputProcessingTest {

    private static SfnFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.shared();
        SfnFixture.FUNCTIONS.handle("slow", payload -> Reply.ok("{\"resourceType\":\"elasticmapreduce\","
                + "\"resource\":\"createCluster.sync\",\"output\":{\"SdkHttpMetadata\":{\"HttpHeaders\":"
                + "{\"Content-Length\":\"1112\"},\"HttpStatusCode\":200},\"ClusterId\":\"AKIAIOSFODNN7EXAMPLE\","
                + "\"Echo\":" + payload + "}}"));
    }

    @Test
    void inputPathSelectsPartOfTheInput() {
        JsonNode out = fixture.output(q("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.dataset2',"
                + "'End':true}}}"), """
                {"comment": "Example for InputPath.", "dataset1": {"val1": 1, "val2": 2, "val3": 3},
                 "dataset2": {"val1": "a", "val2": "b", "val3": "c"}}""");
        assertThat(out).isEqualTo(SfnFixture.json("{\"val1\": \"a\", \"val2\": \"b\", \"val3\": \"c\"}"));
    }

    @Test
    void parametersBuildANewInputWithStaticAndPathValues() {
        JsonNode out = fixture.output(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','End':true,'Parameters':{
                  'comment':'Selecting what I care about.',
                  'MyDetails':{'size.$':'$.product.details.size','exists.$':'$.product.availability',
                               'StaticValue':'foo'}}}}}"""), """
                {"comment": "Example for Parameters.", "product": {"details": {"color": "blue", "size": "small",
                 "material": "cotton"}, "availability": "in stock", "sku": "2317", "cost": "$23"}}""");
        assertThat(out).isEqualTo(SfnFixture.json("""
                {"comment": "Selecting what I care about.",
                 "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"""));
    }

    @Test
    void parametersInArraysAndJsonPathSlicesAndFilters() {
        JsonNode out = fixture.output(q("""
                {'StartAt':'P','States':{'P':{'Type':'Pass','End':true,'Parameters':{'flagged':true,
                  'parts':{'first.$':'$.vals[0]','last3.$':'$.vals[-3:]'},
                  'list':[{'v.$':'$.vals[1]'},'plain'],'big.$':'$.vals[?(@ > 35)]'}}}}"""),
                "{\"flagged\": 7, \"vals\": [0, 10, 20, 30, 40, 50]}");
        assertThat(out).isEqualTo(SfnFixture.json("""
                {"flagged": true, "parts": {"first": 0, "last3": [30, 40, 50]},
                 "list": [{"v": 10}, "plain"], "big": [40, 50]}"""));
    }

    @Test
    void resultPathPlacesTheResultInTheInput() {
        String input = "{\"comment\": \"This is a test of the input and output of a Task state.\","
                + " \"details\": \"Default example\", \"who\": \"AWS Step Functions\"}";
        JsonNode combined = fixture.output(q("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Result':'Hello, AWS Step Functions!','ResultPath':'$.taskresult','End':true}}}"), input);
        assertThat(combined.path("taskresult").asText()).isEqualTo("Hello, AWS Step Functions!");
        assertThat(combined.path("who").asText()).isEqualTo("AWS Step Functions");

        JsonNode discarded = fixture.output(q("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Result':'Hello','ResultPath':null,'End':true}}}"), input);
        assertThat(discarded).isEqualTo(SfnFixture.json(input));

        JsonNode nested = fixture.output(q("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':[1,2,3],"
                + "'ResultPath':'$.master.detail','End':true}}}"), "{\"master\": {\"detail\": [9], \"keep\": 1}}");
        assertThat(nested).isEqualTo(SfnFixture.json("{\"master\": {\"detail\": [1,2,3], \"keep\": 1}}"));
    }

    @Test
    void resultSelectorThenResultPathThenOutputPathOnATaskResult() {
        JsonNode out = fixture.output(q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'InputPath':'$.request','Parameters':{'FunctionName':'slow','Payload.$':'$'},
                  'ResultSelector':{'ClusterId.$':'$.Payload.output.ClusterId',
                                    'ResourceType.$':'$.Payload.resourceType','Static':'yes'},
                  'ResultPath':'$.EMROutput','OutputPath':'$.EMROutput','End':true}}}"""),
                "{\"request\": {\"name\": \"cluster\"}, \"other\": 1}");
        assertThat(out).isEqualTo(SfnFixture.json("""
                {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce", "Static": "yes"}"""));
    }

    @Test
    void contextObjectFieldsAreAvailableThroughDoubleDollar() {
        var done = fixture.run(q("""
                {'StartAt':'Ctx','States':{'Ctx':{'Type':'Pass','End':true,'Parameters':{
                  'id.$':'$$.Execution.Id','name.$':'$$.Execution.Name','input.$':'$$.Execution.Input',
                  'start.$':'$$.Execution.StartTime','state.$':'$$.State.Name','entered.$':'$$.State.EnteredTime',
                  'retries.$':'$$.State.RetryCount','machine.$':'$$.StateMachine.Id',
                  'machineName.$':'$$.StateMachine.Name'}}}}"""), "{\"k\": \"v\"}");
        JsonNode out = SfnFixture.json(done.output());
        assertThat(out.path("id").asText()).isEqualTo(done.executionArn());
        assertThat(out.path("name").asText()).isEqualTo(done.name());
        assertThat(out.path("input")).isEqualTo(SfnFixture.json("{\"k\": \"v\"}"));
        assertThat(out.path("start").asText()).startsWith(done.startDate().toString().substring(0, 16));
        assertThat(out.path("state").asText()).isEqualTo("Ctx");
        assertThat(out.path("entered").asText()).isNotEmpty();
        assertThat(out.path("retries").asInt()).isZero();
        assertThat(out.path("machine").asText()).isEqualTo(done.stateMachineArn());
        assertThat(out.path("machineName").asText()).isEqualTo(done.stateMachineArn().replaceAll(".*:", ""));
    }

    @Test
    void aMissingPathFailsWithStatesRuntimeAndABadResultPathWithResultPathMatchFailure() {
        var missing = fixture.run(q("{'StartAt':'P','States':{'P':{'Type':'Pass','Parameters':{'x.$':'$.nope'},"
                + "'End':true}}}"), "{}");
        assertThat(missing.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(missing.error()).isEqualTo("States.Runtime");
        assertThat(missing.cause()).contains("$.nope");

        var badResultPath = fixture.run(q("""
                {'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke',
                  'Parameters':{'FunctionName':'echo'},'ResultPath':'$.list.x',
                  'Catch':[{'ErrorEquals':['States.ResultPathMatchFailure'],'Next':'Caught'}],'End':true},
                  'Caught':{'Type':'Succeed'}}}"""), "{\"list\": \"text\"}");
        assertThat(badResultPath.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(SfnFixture.json(badResultPath.output()).path("Error").asText())
                .isEqualTo("States.ResultPathMatchFailure");
    }
}
