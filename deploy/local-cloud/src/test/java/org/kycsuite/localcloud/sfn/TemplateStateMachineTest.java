package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import org.kycsuite.localcloud.sfn.FunctionServer.Reply;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A SAM template's state machine (DefinitionUri + DefinitionSubstitutions with !GetAtt/!Ref) and function
 * (physical name {@code echo-dev} served at the URL configured for {@code echo}), started by a bus rule.
 */
class TemplateStateMachineTest {

    @Test
    void provisionsTheTemplateStateMachineAndTheBusRuleStartsIt() throws Exception {
        Path template = Path.of(getClass().getResource("/templates/sfn/template.yaml").toURI());
        try (FunctionServer functions = new FunctionServer()
                .handle("echo", payload -> Reply.ok("{\"echo\":" + payload + "}"))) {
            LocalCloudConfig config = LocalCloudConfig.ephemeral(Files.createTempDirectory("sfn-template"))
                    .withTemplate(template, Map.of("ReviewTimeoutSeconds", "42"))
                    .withFunctionUrls(Map.of("echo", functions.url()));
            try (LocalCloud cloud = LocalCloud.start(config);
                 SfnClient sfn = SfnFixture.client(cloud);
                 EventBridgeClient events = Clients.eventBridge(cloud)) {
                String machine = "arn:aws:states:us-east-1:000000000000:stateMachine:workflow-dev";
                String definition = sfn.describeStateMachine(b -> b.stateMachineArn(machine)).definition();
                assertThat(definition).contains("arn:aws:lambda:us-east-1:000000000000:function:echo-dev")
                        .contains("\"EventBusName\": \"sfn-template-bus\"").contains("\"timeout\": 42");

                events.putEvents(b -> b.entries(e -> e.eventBusName("sfn-template-bus").source("test.start")
                        .detailType("Start").detail("{\"id\":\"t-1\"}")));
                await().atMost(Duration.ofSeconds(15)).until(() -> sfn.listExecutions(b -> b.stateMachineArn(machine))
                        .executions().stream().anyMatch(e -> e.status() == ExecutionStatus.SUCCEEDED));
                ExecutionListItem item = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions().get(0);
                JsonNode output = SfnFixture.json(sfn.describeExecution(b -> b.executionArn(item.executionArn()))
                        .output());
                assertThat(output.at("/detail/id").asText()).isEqualTo("t-1");
                assertThat(output.at("/echo/echoed/id").asText()).isEqualTo("t-1");
                assertThat(functions.callsTo("echo")).isEqualTo(1);
            }
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TemplateStateMachineTest.class.getResource(name).toURI());
    }
}
