package org.kycsuite.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Arns;

/**
 * The provisioner on its own: intrinsic functions, ARNs of types the bus does not own (state
 * machines, functions), dependency order, and the registry hook the Step Functions engine uses.
 */
class TemplateProvisionerTest {

    private final Map<String, ProvisionedResource> provisioned = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();

    @Test
    void resolvesIntrinsicsAndHandsStateMachinesToTheirRegisteredProvisioner() throws Exception {
        Template template = provision(Map.of("Stage", "test"));

        ProvisionedResource workflow = provisioned.get("KycWorkflow");
        assertThat(workflow.arn()).isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:KycWorkflow");
        assertThat(workflow.templateDirectory().resolve(workflow.properties().get("DefinitionUri").asText()))
                .isEqualTo(templatePath().getParent().resolve("statemachine/kyc-workflow.asl.json"));
        JsonNode substitutions = workflow.properties().get("DefinitionSubstitutions");
        assertThat(substitutions.get("IdentityCheckFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:identity-check-test");
        assertThat(substitutions.get("RiskAssessmentFunctionName").asText()).isEqualTo("RiskAssessmentFunction");
        assertThat(substitutions.get("EventBusName").asText()).isEqualTo("kyc-bus");
        assertThat(substitutions.get("Region").asText()).isEqualTo("eu-west-1");
        assertThat(substitutions.get("BusArn").asText())
                .isEqualTo("arn:aws:events:eu-west-1:123456789012:event-bus/kyc-bus");
        assertThat(substitutions.get("Stack").asText()).isEqualTo("kyc-suite-local-${Literal}");
        assertThat(substitutions.get("Joined").asText()).isEqualTo("a,test");

        assertThat(template.ref("PlainStateMachine"))
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:stateMachine:PlainStateMachine");
        assertThat(provisioned.get("StartRule").properties().at("/Targets/0/Arn").asText())
                .isEqualTo(workflow.arn());
        assertThat(provisioned.get("StartRule").properties().at("/EventPattern/source/0").asText())
                .isEqualTo("bank.accounts");
    }

    @Test
    void givesRolesAndLogGroupsTheirArnsThoughItDoesNotProvisionThem() throws Exception {
        provision(Map.of("Stage", "test"));

        JsonNode workflow = provisioned.get("KycWorkflow").properties();
        assertThat(workflow.get("Role").asText()).isEqualTo("arn:aws:iam::123456789012:role/WorkflowRole");
        assertThat(workflow.at("/Logging/Destinations/0/CloudWatchLogsLogGroup/LogGroupArn").asText())
                .isEqualTo("arn:aws:logs:eu-west-1:123456789012:log-group:"
                        + "/aws/vendedlogs/states/kyc-workflow-test:*");
        assertThat(provisioned.get("StartRule").properties().at("/Targets/0/RoleArn").asText())
                .isEqualTo("arn:aws:iam::123456789012:role/start-kyc-workflow");
        assertThat(provisioned).doesNotContainKeys("WorkflowRole", "StartRole", "WorkflowLogGroup");
    }

    @Test
    void provisionsWhatAResourceRefersToFirstAndSkipsTypesWithoutAProvisioner() throws Exception {
        provision(Map.of());

        assertThat(order.indexOf("IdentityCheckFunction")).isLessThan(order.indexOf("KycWorkflow"));
        assertThat(order.indexOf("KycWorkflow")).isLessThan(order.indexOf("StartRule"));
        assertThat(provisioned).doesNotContainKey("WorkflowRole");
    }

    private Template provision(Map<String, String> parameters) throws URISyntaxException {
        ResourceProvisioners registry = new ResourceProvisioners();
        for (String type : List.of("AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine",
                "AWS::Serverless::Function", "AWS::Events::Rule")) {
            registry.register(type, resource -> {
                provisioned.put(resource.logicalId(), resource);
                order.add(resource.logicalId());
                return "captured";
            });
        }
        return new TemplateProvisioner(new ObjectMapper(), new Arns("eu-west-1", "123456789012"), parameters,
                registry, "http://127.0.0.1:9324/123456789012/").provision(templatePath());
    }

    private static Path templatePath() throws URISyntaxException {
        return Path.of(TemplateProvisionerTest.class.getResource("/templates/workflow.yaml").toURI());
    }
}
