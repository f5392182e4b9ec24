package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.kycsuite.localcloud.sfn.SfnFixture.q;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/** The state machine and execution operations through the real SfnClient, errors in AWS's shape. */
class StateMachineApiTest {

    private static final String PASS = q("{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}}");
    private static final String WAIT = q("{'StartAt':'W','States':{'W':{'Type':'Wait','Seconds':30,'End':true}}}");

    private static SfnFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.shared();
    }

    @Test
    void createsDescribesUpdatesListsAndDeletesAStateMachine() {
        String arn = fixture.sfn.createStateMachine(b -> b.name("crud-machine").definition(PASS)
                .roleArn(SfnFixture.ROLE)).stateMachineArn();
        assertThat(arn).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:crud-machine");
        var described = fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertThat(described.name()).isEqualTo("crud-machine");
        assertThat(described.definition()).isEqualTo(PASS);
        assertThat(described.statusAsString()).isEqualTo("ACTIVE");

        fixture.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(WAIT));
        assertThat(fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition()).isEqualTo(WAIT);
        assertThat(fixture.sfn.listStateMachines(b -> { }).stateMachines())
                .anySatisfy(item -> assertThat(item.stateMachineArn()).isEqualTo(arn));

        fixture.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThatThrownBy(() -> fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn)))
                .isInstanceOf(StateMachineDoesNotExistException.class);
    }

    @Test
    void rejectsAnInvalidDefinitionNamingTheStateAndField() {
        String bad = q("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'}}}");
        assertThatThrownBy(() -> fixture.machine(bad)).isInstanceOf(InvalidDefinitionException.class)
                .hasMessageContaining("MISSING_TRANSITION_TARGET").hasMessageContaining("/States/A/Next");

        var validation = fixture.sfn.validateStateMachineDefinition(b -> b.definition(bad));
        assertThat(validation.result()).isEqualTo(ValidateStateMachineDefinitionResultCode.FAIL);
        assertThat(validation.diagnostics()).singleElement()
                .satisfies(d -> assertThat(d.location()).isEqualTo("/States/A/Next"));
        assertThat(fixture.sfn.validateStateMachineDefinition(b -> b.definition(PASS)).result())
                .isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    }

    @Test
    void unknownStateMachineAndExecutionComeBackAsAwsErrors() {
        String missing = "arn:aws:states:us-east-1:000000000000:stateMachine:nope";
        assertThatThrownBy(() -> fixture.sfn.startExecution(b -> b.stateMachineArn(missing)))
                .isInstanceOfSatisfying(StateMachineDoesNotExistException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("StateMachineDoesNotExist");
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("State Machine Does Not Exist: '" + missing + "'");
                });
        assertThatThrownBy(() -> fixture.sfn.describeExecution(b -> b.executionArn(
                "arn:aws:states:us-east-1:000000000000:execution:nope:x")))
                .isInstanceOf(ExecutionDoesNotExistException.class);
        assertThatThrownBy(() -> fixture.sfn.describeExecution(b -> b.executionArn("not-an-arn")))
                .isInstanceOfSatisfying(SfnException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArn"));
    }

    @Test
    void startExecutionIsIdempotentByNameWhileRunning() {
        String machine = fixture.machine(WAIT);
        String first = fixture.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"))
                .executionArn();
        String again = fixture.sfn.startExecution(b -> b.stateMachineArn(machine).name("once").input("{\"a\":1}"))
                .executionArn();
        assertThat(again).isEqualTo(first).endsWith(":once");
        assertThatThrownBy(() -> fixture.sfn.startExecution(b -> b.stateMachineArn(machine).name("once")
                .input("{\"a\":2}"))).isInstanceOf(ExecutionAlreadyExistsException.class);
        fixture.sfn.stopExecution(b -> b.executionArn(first));
    }

    @Test
    void listsExecutionsByStatusInPages() {
        String machine = fixture.machine(PASS);
        String waiting = fixture.machine(WAIT);
        for (int i = 0; i < 5; i++) {
            fixture.awaitDone(fixture.startExecution(machine, "{}"), Duration.ofSeconds(10));
        }
        List<ExecutionListItem> all = fixture.sfn.listExecutionsPaginator(b -> b.stateMachineArn(machine)
                .maxResults(2)).executions().stream().toList();
        assertThat(all).hasSize(5).allSatisfy(item -> assertThat(item.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
        var firstPage = fixture.sfn.listExecutions(b -> b.stateMachineArn(machine).maxResults(2));
        assertThat(firstPage.executions()).hasSize(2);
        assertThat(firstPage.nextToken()).isNotNull();

        String running = fixture.startExecution(waiting, "{}");
        assertThat(fixture.sfn.listExecutions(b -> b.stateMachineArn(waiting).statusFilter(ExecutionStatus.RUNNING))
                .executions()).extracting(ExecutionListItem::executionArn).containsExactly(running);
        assertThat(fixture.sfn.listExecutions(b -> b.stateMachineArn(waiting).statusFilter(ExecutionStatus.SUCCEEDED))
                .executions()).isEmpty();
        fixture.sfn.stopExecution(b -> b.executionArn(running));
    }

    @Test
    void stopExecutionAbortsAndRecordsTheReason() {
        String execution = fixture.startExecution(fixture.machine(WAIT), "{}");
        fixture.sfn.stopExecution(b -> b.executionArn(execution).error("Operator").cause("testing stop"));
        var done = fixture.awaitDone(execution, Duration.ofSeconds(5));
        assertThat(done.status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(done.stopDate()).isNotNull();
        assertThat(fixture.history(execution)).last().satisfies(event -> {
            assertThat(event.typeAsString()).isEqualTo("ExecutionAborted");
            assertThat(event.executionAbortedEventDetails().error()).isEqualTo("Operator");
        });
    }
}
