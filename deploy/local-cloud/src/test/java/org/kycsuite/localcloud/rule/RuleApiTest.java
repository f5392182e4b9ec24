package org.kycsuite.localcloud.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;
import software.amazon.awssdk.services.eventbridge.model.LimitExceededException;
import software.amazon.awssdk.services.eventbridge.model.PutTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.RemoveTargetsResponse;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;
import software.amazon.awssdk.services.eventbridge.model.Rule;
import software.amazon.awssdk.services.eventbridge.model.RuleState;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;

class RuleApiTest {

    private static final String PATTERN = "{\"source\":[\"bank.kyc\"]}";

    @TempDir
    static Path dataDir;

    static LocalCloud cloud;
    static EventBridgeClient events;
    static SqsClient sqs;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(dataDir));
        events = Clients.eventBridge(cloud);
        sqs = Clients.sqs(cloud);
        events.createEventBus(b -> b.name("rules-bus"));
    }

    @AfterAll
    static void stop() {
        events.close();
        sqs.close();
        cloud.close();
    }

    @Test
    void putsDescribesAndListsRulesWithAwsArns() {
        String arn = events.putRule(b -> b.name("described").eventBusName("rules-bus").eventPattern(PATTERN)
                .description("KYC events")).ruleArn();
        String defaultBusArn = events.putRule(b -> b.name("on-default").eventPattern(PATTERN)).ruleArn();

        assertThat(arn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/rules-bus/described");
        assertThat(defaultBusArn).isEqualTo("arn:aws:events:us-east-1:000000000000:rule/on-default");
        DescribeRuleResponse rule = events.describeRule(b -> b.name("described").eventBusName("rules-bus"));
        assertThat(rule.eventPattern()).isEqualTo(PATTERN);
        assertThat(rule.state()).isEqualTo(RuleState.ENABLED);
        assertThat(rule.description()).isEqualTo("KYC events");
        assertThat(rule.eventBusName()).isEqualTo("rules-bus");
        assertThat(events.listRules(b -> b.eventBusName("rules-bus").namePrefix("desc")).rules())
                .extracting(Rule::name).containsExactly("described");
    }

    @Test
    void disabledRulesDoNotRouteAndEnabledOnesDoAgain() {
        String queueArn = Clients.createQueue(sqs, "toggled");
        events.putRule(b -> b.name("toggled").eventBusName("rules-bus").eventPattern("{\"source\":[\"toggle\"]}"));
        events.putTargets(b -> b.rule("toggled").eventBusName("rules-bus").targets(t -> t.id("q").arn(queueArn)));

        events.disableRule(b -> b.name("toggled").eventBusName("rules-bus"));
        assertThat(events.describeRule(b -> b.name("toggled").eventBusName("rules-bus")).state())
                .isEqualTo(RuleState.DISABLED);
        put("while-disabled");
        events.enableRule(b -> b.name("toggled").eventBusName("rules-bus"));
        put("while-enabled");

        var received = Clients.receive(sqs, cloud.queueUrl("toggled"), 2, Duration.ofSeconds(5));
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).contains("while-enabled");
    }

    @Test
    void managesTargetsAndRefusesToDeleteARuleThatStillHasThem() {
        events.putRule(b -> b.name("targeted").eventBusName("rules-bus").eventPattern(PATTERN));
        PutTargetsResponse put = events.putTargets(b -> b.rule("targeted").eventBusName("rules-bus").targets(
                t -> t.id("a").arn("arn:aws:sqs:us-east-1:000000000000:a"),
                t -> t.id("b").arn("arn:aws:sqs:us-east-1:000000000000:b").input("{\"fixed\":true}"),
                t -> t.id("bad id!").arn("arn:aws:sqs:us-east-1:000000000000:c")));
        assertThat(put.failedEntryCount()).isEqualTo(1);
        assertThat(put.failedEntries().get(0).targetId()).isEqualTo("bad id!");
        assertThat(events.listTargetsByRule(b -> b.rule("targeted").eventBusName("rules-bus")).targets())
                .extracting(Target::id, Target::input).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", null),
                        org.assertj.core.groups.Tuple.tuple("b", "{\"fixed\":true}"));

        assertThatThrownBy(() -> events.deleteRule(b -> b.name("targeted").eventBusName("rules-bus")))
                .isInstanceOfSatisfying(EventBridgeException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        RemoveTargetsResponse removed = events.removeTargets(b -> b.rule("targeted").eventBusName("rules-bus")
                .ids("a", "b", "missing"));
        assertThat(removed.failedEntryCount()).isEqualTo(1);
        events.deleteRule(b -> b.name("targeted").eventBusName("rules-bus"));
        assertThatThrownBy(() -> events.describeRule(b -> b.name("targeted").eventBusName("rules-bus")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void refusesASixthTargetWithLimitExceeded() {
        events.putRule(b -> b.name("crowded").eventBusName("rules-bus").eventPattern(PATTERN));
        for (int i = 0; i < 5; i++) {
            String id = "t" + i;
            events.putTargets(b -> b.rule("crowded").eventBusName("rules-bus")
                    .targets(t -> t.id(id).arn("arn:aws:sqs:us-east-1:000000000000:" + id)));
        }
        assertThatThrownBy(() -> events.putTargets(b -> b.rule("crowded").eventBusName("rules-bus")
                .targets(t -> t.id("t5").arn("arn:aws:sqs:us-east-1:000000000000:t5"))))
                .isInstanceOf(LimitExceededException.class);
    }

    @Test
    void rejectsAnInvalidPatternWithInvalidEventPatternException() {
        assertThatThrownBy(() -> events.putRule(b -> b.name("broken").eventPattern("{\"source\":\"not-a-list\"}")))
                .isInstanceOf(InvalidEventPatternException.class);
        assertThatThrownBy(() -> events.putRule(b -> b.name("broken").eventPattern("{not json")))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    @Test
    void unknownRulesAndBusesAreResourceNotFound() {
        assertThatThrownBy(() -> events.describeRule(b -> b.name("nope").eventBusName("rules-bus")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> events.putRule(b -> b.name("x").eventBusName("no-bus").eventPattern(PATTERN)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void testEventPatternAnswersWithEventRuler() {
        String event = "{\"id\":\"1\",\"account\":\"000000000000\",\"source\":\"bank.kyc\",\"time\":"
                + "\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"detail-type\":\"x\",\"resources\":[],"
                + "\"detail\":{\"riskScore\":72}}";
        assertThat(events.testEventPattern(b -> b.event(event)
                .eventPattern("{\"detail\":{\"riskScore\":[{\"numeric\":[\">\",70]}]}}")).result()).isTrue();
        assertThat(events.testEventPattern(b -> b.event(event)
                .eventPattern("{\"detail\":{\"riskScore\":[{\"numeric\":[\"<\",70]}]}}")).result()).isFalse();
        assertThatThrownBy(() -> events.testEventPattern(b -> b.event(event).eventPattern("{\"a\":1}")))
                .isInstanceOf(InvalidEventPatternException.class);
    }

    private static void put(String marker) {
        events.putEvents(b -> b.entries(e -> e.eventBusName("rules-bus").source("toggle").detailType("Toggle")
                .detail("{\"marker\":\"" + marker + "\"}")));
    }
}
