package org.kycsuite.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.SampleEvents;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.rule.EventPatterns;

/**
 * Every rule pattern in deploy/aws/template.yaml, matched by event-ruler against the shared sample
 * events: each rule selects exactly the event types the design routes through it, and no other.
 */
class TemplateRulesMatchSamplesTest {

    private static final Map<String, Set<EventContract>> ROUTED = Map.of(
            "start-kyc-on-new-account", EnumSet.of(EventContract.NEW_ACCOUNT_REQUESTED),
            "kyc-outcomes-to-accounts", EnumSet.of(EventContract.NEW_ACCOUNT_APPROVED,
                    EventContract.NEW_ACCOUNT_REJECTED),
            "all-kyc-events-to-cs", EnumSet.allOf(EventContract.class),
            "manual-reviews-to-compliance", EnumSet.of(EventContract.MANUAL_REVIEW_REQUESTED));

    @Test
    void everyRuleMatchesTheSamplesItShouldAndNoOther() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode document = TemplateYaml.read(TemplateProvisioningTest.TEMPLATE, mapper);
        Template template = new Template(document, Map.of(), new Arns("us-east-1", "000000000000"), "kyc-suite",
                "http://127.0.0.1:9324/000000000000/");

        Map<String, Set<EventContract>> matched = new LinkedHashMap<>();
        template.resources().fields().forEachRemaining(resource -> {
            if ("AWS::Events::Rule".equals(resource.getValue().path("Type").asText())) {
                JsonNode properties = template.resolve(resource.getValue().get("Properties"));
                String pattern = properties.get("EventPattern").toString();
                Set<EventContract> contracts = EnumSet.noneOf(EventContract.class);
                for (EventContract contract : EventContract.values()) {
                    if (EventPatterns.matches(pattern, SampleEvents.json(contract))) {
                        contracts.add(contract);
                    }
                }
                matched.put(properties.get("Name").asText(), contracts);
            }
        });

        assertThat(matched).containsOnlyKeys(ROUTED.keySet());
        ROUTED.forEach((rule, expected) -> assertThat(matched.get(rule)).as(rule).isEqualTo(expected));
    }
}
