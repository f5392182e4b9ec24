package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Parallel, Map, Wait, Succeed and Fail, and the history events they record. */
class FlowStatesTest {

    private static SfnFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.shared();
    }

    @Test
    void parallelRunsEveryBranchOnTheSameInputAndCollectsResultsInOrder() {
        JsonNode out = fixture.output(q("""
                {'StartAt':'Par','States':{'Par':{'Type':'Parallel','ResultPath':'$.results','End':true,
                  'Branches':[
                    {'StartAt':'A','States':{'A':{'Type':'Pass','Parameters':{'a.$':'$.x'},'End':true}}},
                    {'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':0.2,'Next':'B2'},
                      'B2':{'Type':'Pass','Result':'b','End':true}}}]}}}"""), "{\"x\":1}");
        assertThat(out).isEqualTo(SfnFixture.json("{\"x\":1,\"results\":[{\"a\":1},\"b\"]}"));
    }

    @Test
    void aFailingBranchFailsTheParallelStateWhichCanCatchIt() {
        JsonNode out = fixture.output(q("""
                {'StartAt':'Par','States':{'Par':{'Type':'Parallel','Next':'Done',
                  'Catch':[{'ErrorEquals':['Custom.Error'],'ResultPath':'$.error','Next':'Done'}],
                  'Branches':[
                    {'StartAt':'A','States':{'A':{'Type':'Pass','End':true}}},
                    {'StartAt':'F','States':{'F':{'Type':'Fail','Error':'Custom.Error','Cause':'branch broke'}}}]},
                  'Done':{'Type':'Succeed'}}}"""), "{}");
        assertThat(out.at("/error/Error").asText()).isEqualTo("Custom.Error");
        assertThat(out.at("/error/Cause").asText()).isEqualTo("branch broke");
    }

    @Test
    void mapIteratesItemsWithItemSelectorAndContextAndMaxConcurrency() {
        var done = fixture.run(q("""
                {'StartAt':'Map','States':{'Map':{'Type':'Map','ItemsPath':'$.items','MaxConcurrency':2,
                  'ItemSelector':{'value.$':'$$.Map.Item.Value','index.$':'$$.Map.Item.Index','tag.$':'$.tag'},
                  'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'Double','States':{
                    'Double':{'Type':'Pass','Parameters':{'v.$':'States.MathAdd($.value, $.value)',
                      'i.$':'$.index','t.$':'$.tag'},'End':true}}},
                  'ResultPath':'$.doubled','End':true}}}"""), "{\"items\":[1,2,3],\"tag\":\"x\"}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(SfnFixture.json(done.output()).path("doubled")).isEqualTo(SfnFixture.json(
                "[{\"v\":2,\"i\":0,\"t\":\"x\"},{\"v\":4,\"i\":1,\"t\":\"x\"},{\"v\":6,\"i\":2,\"t\":\"x\"}]"));
        List<String> types = fixture.history(done.executionArn()).stream().map(HistoryEvent::typeAsString).toList();
        assertThat(types).contains("MapStateEntered", "MapStateStarted", "MapIterationStarted",
                "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited");
        assertThat(types.stream().filter("MapIterationSucceeded"::equals)).hasSize(3);
    }

    @Test
    void mapToleratesFailuresUpToTheThreshold() {
        String definition = q("""
                {'StartAt':'Map','States':{'Map':{'Type':'Map','ToleratedFailureCount':%d,
                  'Iterator':{'StartAt':'Check','States':{'Check':{'Type':'Choice','Choices':[
                    {'Variable':'$','NumericGreaterThan':2,'Next':'Bad'}],'Default':'Good'},
                    'Bad':{'Type':'Fail','Error':'TooBig'},'Good':{'Type':'Pass','End':true}}},'End':true}}}""");
        var tolerated = fixture.run(definition.formatted(1), "[1,2,3]");
        assertThat(tolerated.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        var exceeded = fixture.run(definition.formatted(0), "[1,3,5]");
        assertThat(exceeded.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void waitHonoursSecondsPathAndTimestamps() {
        Instant soon = Instant.now().plusSeconds(1);
        var done = fixture.run(q("""
                {'StartAt':'W1','States':{
                  'W1':{'Type':'Wait','SecondsPath':'$.delay','Next':'W2'},
                  'W2':{'Type':'Wait','TimestampPath':'$.until','Next':'W3'},
                  'W3':{'Type':'Wait','Timestamp':'2020-01-01T00:00:00Z','End':true}}}"""),
                "{\"delay\":0.5,\"until\":\"" + soon + "\"}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(done.stopDate()).isAfterOrEqualTo(soon.minusMillis(50));
        assertThat(Duration.between(done.startDate(), done.stopDate())).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void failUsesErrorAndCausePathsAndRecordsTheHistory() {
        var done = fixture.run("""
                {"StartAt":"Check","States":{
                  "Check":{"Type":"Pass","Next":"Stop"},
                  "Stop":{"Type":"Fail","ErrorPath":"$.code","CausePath":"States.Format('because {}', $.why)"}}}""",
                "{\"code\":\"Bad.Input\",\"why\":\"reasons\"}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("Bad.Input");
        assertThat(done.cause()).isEqualTo("because reasons");
        List<HistoryEvent> history = fixture.history(done.executionArn());
        assertThat(history).extracting(HistoryEvent::typeAsString).containsExactly("ExecutionStarted",
                "PassStateEntered", "PassStateExited", "FailStateEntered", "ExecutionFailed");
        assertThat(history.get(1).stateEnteredEventDetails().name()).isEqualTo("Check");
        assertThat(history.get(4).executionFailedEventDetails().error()).isEqualTo("Bad.Input");
        assertThat(history).extracting(HistoryEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L);
        var reversed = fixture.sfn.getExecutionHistory(b -> b.executionArn(done.executionArn()).reverseOrder(true)
                .maxResults(2));
        assertThat(reversed.events()).extracting(HistoryEvent::id).containsExactly(5L, 4L);
        assertThat(reversed.nextToken()).isNotNull();
    }

    @Test
    void stateMachineTimeoutSecondsTimesTheExecutionOut() {
        var done = fixture.awaitDone(fixture.startExecution(fixture.machine(q("""
                {'TimeoutSeconds':1,'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':30,'End':true}}}""")),
                "{}"), Duration.ofSeconds(10));
        assertThat(done.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(fixture.history(done.executionArn())).last()
                .satisfies(e -> assertThat(e.typeAsString()).isEqualTo("ExecutionTimedOut"));
    }
}
