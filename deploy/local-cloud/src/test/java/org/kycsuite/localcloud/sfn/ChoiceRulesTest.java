package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Choice rules: every comparison operator and its Path form, And/Or/Not, the type tests and
 * StringMatches, as the ASL specification defines them (https://states-language.net/spec.html#choice-state).
 */
class ChoiceRulesTest {

    private static SfnFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.shared();
    }

    /** Runs one Choice with {@code rules} (each naming the result it leads to) and returns that result. */
    private static String decide(String input, String... rules) {
        ObjectNode definition = SfnFixture.JSON.createObjectNode().put("StartAt", "C");
        ObjectNode states = definition.putObject("States");
        ObjectNode choice = states.putObject("C").put("Type", "Choice").put("Default", "none");
        ArrayNode choices = choice.putArray("Choices");
        for (String rule : rules) {
            ObjectNode parsed = (ObjectNode) SfnFixture.json(SfnFixture.q(rule));
            String target = parsed.path("Next").asText();
            choices.add(parsed);
            states.putObject(target).put("Type", "Pass").put("Result", target).put("End", true);
        }
        states.putObject("none").put("Type", "Pass").put("Result", "none").put("End", true);
        return fixture.output(definition.toString(), input).asText();
    }

    @Test
    void stringNumericBooleanAndTimestampComparisons() {
        String input = "{\"s\":\"banana\",\"n\":42.5,\"b\":true,\"t\":\"2026-01-01T10:00:00Z\",\"other\":\"apple\","
                + "\"limit\":42.5}";
        assertThat(decide(input, "{'Variable':'$.s','StringEquals':'banana','Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.s','StringLessThan':'cherry','Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.s','StringGreaterThanEqualsPath':'$.other','Next':'a'}"))
                .isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.n','NumericGreaterThan':42,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.n','NumericLessThanEquals':42,'Next':'a'}")).isEqualTo("none");
        assertThat(decide(input, "{'Variable':'$.n','NumericEqualsPath':'$.limit','Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.b','BooleanEquals':true,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.t','TimestampLessThan':'2026-01-01T10:00:01Z','Next':'a'}"))
                .isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.t','TimestampEquals':'2026-01-01T11:00:00+01:00','Next':'a'}"))
                .isEqualTo("a");
        // a type mismatch is simply false
        assertThat(decide(input, "{'Variable':'$.s','NumericEquals':1,'Next':'a'}")).isEqualTo("none");
    }

    @Test
    void logicalOperatorsTypeTestsAndStringMatches() {
        String input = "{\"name\":\"log-2026.txt\",\"nothing\":null,\"n\":3,\"items\":[]}";
        assertThat(decide(input, "{'And':[{'Variable':'$.n','NumericGreaterThanEquals':1},"
                + "{'Not':{'Variable':'$.n','NumericEquals':5}}],'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Or':[{'Variable':'$.n','NumericEquals':9},"
                + "{'Variable':'$.name','StringMatches':'log-*.txt'}],'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.name','StringMatches':'*.csv','Next':'a'}")).isEqualTo("none");
        assertThat(decide(input, "{'Variable':'$.nothing','IsNull':true,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.missing','IsPresent':false,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.n','IsNumeric':true,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.name','IsString':true,'Next':'a'}")).isEqualTo("a");
        assertThat(decide(input, "{'Variable':'$.n','IsBoolean':true,'Next':'a'}")).isEqualTo("none");
        assertThat(decide(input, "{'Variable':'$.name','IsTimestamp':false,'Next':'a'}")).isEqualTo("a");
    }

    @Test
    void firstMatchingRuleWinsAndNoMatchWithoutDefaultFails() {
        assertThat(decide("{\"n\":1}", "{'Variable':'$.n','NumericEquals':1,'Next':'first'}",
                "{'Variable':'$.n','NumericEquals':1,'Next':'second'}")).isEqualTo("first");
        var done = fixture.run(SfnFixture.q("""
                {'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[
                  {'Variable':'$.n','NumericEquals':2,'Next':'X'}]},'X':{'Type':'Succeed'}}}"""), "{\"n\":1}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.NoChoiceMatched");
    }
}
