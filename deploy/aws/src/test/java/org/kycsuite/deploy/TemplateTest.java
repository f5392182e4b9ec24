package org.kycsuite.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kycsuite.deploy.SamTemplate.getAtt;
import static org.kycsuite.deploy.SamTemplate.ref;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.SampleEvents;
import software.amazon.event.ruler.GenericMachine;

/** deploy/aws/template.yaml: parameters, outputs, routing, dead-letter queues and least-privilege IAM. */
class TemplateTest {

    /** What the design routes through each rule (../shared/DESIGN.md "Rules and targets"). */
    private static final Map<String, Set<EventContract>> ROUTED = Map.of(
            "start-kyc-on-new-account", EnumSet.of(EventContract.NEW_ACCOUNT_REQUESTED),
            "kyc-outcomes-to-accounts", EnumSet.of(EventContract.NEW_ACCOUNT_APPROVED,
                    EventContract.NEW_ACCOUNT_REJECTED),
            "all-kyc-events-to-cs", EnumSet.allOf(EventContract.class),
            "manual-reviews-to-compliance", EnumSet.of(EventContract.MANUAL_REVIEW_REQUESTED));

    private final SamTemplate template = SamTemplate.load();

    @Test
    void declaresEveryParameterWithADescriptionAndDescribesEveryOutput() {
        JsonNode parameters = template.document().path("Parameters");
        assertThat(iterable(parameters.fieldNames())).containsExactlyInAnyOrder("Stage", "EventBusName",
                "ReviewTimeoutSeconds", "SanctionsListsLocation", "RiskDataLocation", "MaxReceiveCount",
                "ConsumerVisibilityTimeout");
        parameters.fields().forEachRemaining(parameter ->
                assertThat(parameter.getValue().path("Description").asText()).as(parameter.getKey()).isNotBlank());
        assertThat(parameters.at("/Stage/Default").asText()).isEqualTo("dev");
        assertThat(parameters.at("/EventBusName/Default").asText()).isEqualTo("kyc-bus");
        assertThat(parameters.at("/ReviewTimeoutSeconds/Default").asInt()).isEqualTo(86_400);

        JsonNode outputs = template.document().path("Outputs");
        assertThat(iterable(outputs.fieldNames())).contains("EventBusName", "EventBusArn", "KycWorkflowArn",
                "IdentityCheckFunctionArn", "RiskAssessmentFunctionArn", "AccountsKycOutcomesQueueUrl",
                "CustomerServiceEventsQueueUrl", "KycManualReviewsQueueUrl", "RuleDeliveryDlqUrl");
        outputs.fields().forEachRemaining(output -> {
            assertThat(output.getValue().path("Description").asText()).as(output.getKey()).isNotBlank();
            assertThat(output.getValue().has("Value")).as(output.getKey()).isTrue();
        });
    }

    @Test
    void everyRulePatternMatchesExactlyTheSampleEventsItRoutes() throws Exception {
        Map<String, Set<EventContract>> matched = new LinkedHashMap<>();
        for (JsonNode rule : template.resourcesOfType("AWS::Events::Rule").values()) {
            GenericMachine<String> machine = new GenericMachine<>();
            machine.addRule("rule", rule.at("/Properties/EventPattern").toString());
            Set<EventContract> contracts = EnumSet.noneOf(EventContract.class);
            for (EventContract contract : EventContract.values()) {
                if (!machine.rulesForJSONEvent(SampleEvents.json(contract)).isEmpty()) {
                    contracts.add(contract);
                }
            }
            matched.put(rule.at("/Properties/Name").asText(), contracts);
        }

        assertThat(matched).isEqualTo(ROUTED);
    }

    @Test
    void everyRuleTargetRetriesAndEndsInTheDeliveryDeadLetterQueue() {
        template.resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            assertThat(rule.at("/Properties/EventBusName")).as(id).isEqualTo(ref("KycEventBus"));
            assertThat(rule.at("/Properties/Targets")).as(id).isNotEmpty();
            rule.at("/Properties/Targets").forEach(target -> {
                assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).as(id).isPositive();
                assertThat(target.at("/RetryPolicy/MaximumEventAgeInSeconds").asInt()).as(id).isPositive();
                assertThat(target.at("/DeadLetterConfig/Arn")).as(id).isEqualTo(getAtt("RuleDeliveryDlq", "Arn"));
            });
        });
    }

    @Test
    void everyConsumerQueueRedrivesToItsOwnDeadLetterQueue() {
        Map<String, JsonNode> queues = template.resourcesOfType("AWS::SQS::Queue");
        List<String> consumerQueues = new ArrayList<>();
        queues.forEach((id, queue) -> {
            if (!id.endsWith("Dlq")) {
                consumerQueues.add(id);
                JsonNode redrive = queue.at("/Properties/RedrivePolicy");
                String dlq = id.replaceFirst("Queue$", "Dlq");
                assertThat(redrive.path("deadLetterTargetArn")).as(id).isEqualTo(getAtt(dlq, "Arn"));
                assertThat(queues).as(id).containsKey(dlq);
                assertThat(redrive.path("maxReceiveCount")).as(id).isEqualTo(ref("MaxReceiveCount"));
            } else {
                assertThat(queue.at("/Properties/MessageRetentionPeriod").asInt()).as(id).isEqualTo(1_209_600);
            }
        });
        assertThat(consumerQueues).containsExactlyInAnyOrder("AccountsKycOutcomesQueue", "CustomerServiceEventsQueue",
                "KycManualReviewsQueue");
    }

    @Test
    void eachQueueAcceptsSendMessageOnlyFromTheRulesThatTargetIt() {
        Map<JsonNode, List<JsonNode>> rulesByQueue = new LinkedHashMap<>();
        template.resourcesOfType("AWS::Events::Rule").forEach((id, rule) -> {
            rule.at("/Properties/Targets").forEach(target -> {
                rulesByQueue.computeIfAbsent(target.get("Arn"), arn -> new ArrayList<>()).add(getAtt(id, "Arn"));
                rulesByQueue.computeIfAbsent(target.at("/DeadLetterConfig/Arn"), arn -> new ArrayList<>())
                        .add(getAtt(id, "Arn"));
            });
        });
        Map<JsonNode, List<JsonNode>> allowedByQueue = new LinkedHashMap<>();
        template.resourcesOfType("AWS::SQS::QueuePolicy").forEach((id, policy) -> {
            JsonNode queues = policy.at("/Properties/Queues");
            assertThat(queues).as(id).hasSize(1);
            JsonNode queueArn = getAtt(queues.get(0).get("Ref").asText(), "Arn");
            policy.at("/Properties/PolicyDocument/Statement").forEach(statement -> {
                assertThat(statement.path("Effect").asText()).as(id).isEqualTo("Allow");
                assertThat(statement.at("/Principal/Service").asText()).as(id).isEqualTo("events.amazonaws.com");
                assertThat(statement.path("Action").asText()).as(id).isEqualTo("sqs:SendMessage");
                assertThat(statement.path("Resource")).as(id).isEqualTo(queueArn);
                allowedByQueue.computeIfAbsent(queueArn, arn -> new ArrayList<>())
                        .add(statement.at("/Condition/ArnEquals/aws:SourceArn"));
            });
        });
        rulesByQueue.keySet().removeIf(arn -> arn.has("Ref"));

        assertThat(allowedByQueue.keySet()).containsExactlyInAnyOrderElementsOf(rulesByQueue.keySet());
        rulesByQueue.forEach((queue, rules) ->
                assertThat(allowedByQueue.get(queue)).as(queue.toString()).containsExactlyInAnyOrderElementsOf(rules));
    }

    @Test
    void everyIamStatementHasASidAndAScopedResource() {
        List<JsonNode> statements = template.policyStatements();
        assertThat(statements).hasSizeGreaterThan(10);
        for (JsonNode statement : statements) {
            String sid = statement.path("Sid").asText();
            assertThat(sid).as(statement.toString()).matches("[A-Za-z0-9]+");
            if (statement.at("/Action").asText().equals("sts:AssumeRole")) {
                assertThat(statement.has("Resource")).as(sid).isFalse();
                continue;
            }
            List<JsonNode> resources = new ArrayList<>();
            statement.path("Resource").forEach(resources::add);
            if (statement.path("Resource").isValueNode()) {
                resources.add(statement.path("Resource"));
            }
            assertThat(resources).as(sid).isNotEmpty();
            if ("DeliverExecutionLogs".equals(sid)) {
                // Log delivery has no resource-level permissions; it may grant nothing but log-delivery actions.
                statement.path("Action").forEach(action -> assertThat(action.asText()).as(sid).startsWith("logs:")
                        .doesNotContain("PutLogEvents", "CreateLogStream", "*"));
                continue;
            }
            resources.forEach(resource -> assertThat(resource.asText()).as(sid).doesNotContain("*"));
            statement.path("Action").forEach(action -> assertThat(action.asText()).as(sid).doesNotContain("*"));
        }
        assertThat(statements.stream().map(s -> s.path("Sid").asText()).distinct()).hasSameSizeAs(statements);
    }

    @Test
    void theWorkflowMayOnlyPublishToTheBusAndInvokeItsTwoFunctions() {
        Map<String, JsonNode> statements = statementsOf("KycWorkflowRole");
        assertThat(statements).containsOnlyKeys("PutEventsOnKycBusOnly", "InvokeKycFunctionsOnly",
                "DeliverExecutionLogs");
        assertThat(statements.get("PutEventsOnKycBusOnly").path("Action").asText()).isEqualTo("events:PutEvents");
        assertThat(statements.get("PutEventsOnKycBusOnly").path("Resource")).isEqualTo(getAtt("KycEventBus", "Arn"));
        assertThat(statements.get("PutEventsOnKycBusOnly").at("/Condition/StringEquals/events:source").asText())
                .isEqualTo("bank.kyc");
        assertThat(statements.get("InvokeKycFunctionsOnly").path("Action").asText())
                .isEqualTo("lambda:InvokeFunction");
        assertThat(statements.get("InvokeKycFunctionsOnly").path("Resource")).containsExactlyInAnyOrder(
                getAtt("IdentityCheckFunction", "Arn"), getAtt("RiskAssessmentFunction", "Arn"));
        assertThat(template.properties("KycWorkflowRole").at("/AssumeRolePolicyDocument/Statement/0/Principal/Service")
                .asText()).isEqualTo("states.amazonaws.com");
    }

    @Test
    void theStartRuleMayOnlyStartTheWorkflow() {
        JsonNode target = template.properties("StartKycOnNewAccountRule").at("/Targets/0");
        assertThat(target.path("Arn")).isEqualTo(ref("KycWorkflow"));
        assertThat(target.path("RoleArn")).isEqualTo(getAtt("StartKycWorkflowRole", "Arn"));

        Map<String, JsonNode> statements = statementsOf("StartKycWorkflowRole");
        assertThat(statements).containsOnlyKeys("StartKycWorkflowOnly");
        assertThat(statements.get("StartKycWorkflowOnly").path("Action").asText()).isEqualTo("states:StartExecution");
        assertThat(statements.get("StartKycWorkflowOnly").path("Resource")).isEqualTo(ref("KycWorkflow"));
    }

    @Test
    void theFunctionsMayOnlyWriteTheirOwnLogs() {
        Map<String, JsonNode> statements = statementsOf("KycFunctionsRole");
        assertThat(statements).containsOnlyKeys("WriteFunctionLogs");
        assertThat(statements.get("WriteFunctionLogs").path("Resource")).containsExactlyInAnyOrder(
                getAtt("IdentityCheckLogGroup", "Arn"), getAtt("RiskAssessmentLogGroup", "Arn"));
    }

    @Test
    void theFunctionsRunTheQuarkusLambdaHandlersUnderTheNamesTheLocalRunInvokes() {
        Map<String, String> names = Map.of("IdentityCheckFunction", "identity-check",
                "RiskAssessmentFunction", "risk-assessment");
        assertThat(template.resourcesOfType("AWS::Serverless::Function")).containsOnlyKeys(names.keySet());
        names.forEach((id, name) -> {
            JsonNode function = template.properties(id);
            assertThat(function.path("FunctionName").asText()).isEqualTo(name);
            // Java 17 bytecode on the java21 runtime: AWS blocks creating java17 (Amazon Linux 2) functions.
            assertThat(function.path("Runtime").asText()).isEqualTo("java21");
            assertThat(function.path("Handler").asText())
                    .isEqualTo("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
            assertThat(function.path("CodeUri").asText()).isEqualTo("../../kyc-service/functions/target/function.zip");
            assertThat(function.at("/Environment/Variables/QUARKUS_LAMBDA_HANDLER").asText()).isEqualTo(name);
            assertThat(function.at("/Environment/Variables/KYC_SCREENING_LISTS_LOCATION"))
                    .isEqualTo(ref("SanctionsListsLocation"));
            assertThat(function.at("/Environment/Variables/KYC_RISK_DATA_LOCATION")).isEqualTo(ref("RiskDataLocation"));
            assertThat(template.properties(id.replace("Function", "LogGroup")).path("LogGroupName").asText())
                    .isEqualTo("/aws/lambda/" + name);
        });
    }

    @Test
    void theStateMachineRunsTheAslFileWithLoggingThatKeepsExecutionDataOut() {
        JsonNode workflow = template.properties("KycWorkflow");
        assertThat(template.resource("KycWorkflow").path("Type").asText()).isEqualTo("AWS::Serverless::StateMachine");
        assertThat(workflow.at("/Name/Fn::Sub").asText()).isEqualTo("kyc-workflow-${Stage}");
        assertThat(SamTemplate.TEMPLATE.resolveSibling(workflow.path("DefinitionUri").asText()).normalize())
                .isEqualTo(SamTemplate.WORKFLOW);
        ObjectNode substitutions = SamTemplate.JSON.createObjectNode();
        substitutions.set("EventBusName", ref("KycEventBus"));
        substitutions.set("IdentityCheckFunctionArn", getAtt("IdentityCheckFunction", "Arn"));
        substitutions.set("RiskAssessmentFunctionArn", getAtt("RiskAssessmentFunction", "Arn"));
        substitutions.set("ReviewTimeoutSeconds", ref("ReviewTimeoutSeconds"));
        assertThat(workflow.path("DefinitionSubstitutions")).isEqualTo(substitutions);
        assertThat(workflow.path("Role")).isEqualTo(getAtt("KycWorkflowRole", "Arn"));
        assertThat(workflow.at("/Logging/IncludeExecutionData").asBoolean(true)).isFalse();
        assertThat(workflow.at("/Logging/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn"))
                .isEqualTo(getAtt("KycWorkflowLogGroup", "Arn"));
    }

    private Map<String, JsonNode> statementsOf(String roleId) {
        Map<String, JsonNode> statements = new LinkedHashMap<>();
        template.properties(roleId).path("Policies").forEach(policy ->
                policy.at("/PolicyDocument/Statement").forEach(statement ->
                        statements.put(statement.path("Sid").asText(), statement)));
        return statements;
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
