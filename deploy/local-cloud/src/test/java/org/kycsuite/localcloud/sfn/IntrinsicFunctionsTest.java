package org.kycsuite.localcloud.sfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Every intrinsic function, with the inputs and expected outputs of the AWS documentation
 * ("Intrinsic functions for JSONPath states in Step Functions",
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html), evaluated in one Pass state
 * so each run covers many functions.
 */
class IntrinsicFunctionsTest {

    private static SfnFixture fixture;

    @BeforeAll
    static void start() {
        fixture = SfnFixture.shared();
    }

    /** Runs a Pass state whose Parameters are {@code parameters}; returns its output. */
    private static JsonNode evaluate(String parameters, String input) {
        ObjectNode definition = SfnFixture.JSON.createObjectNode().put("StartAt", "P");
        ObjectNode pass = definition.putObject("States").putObject("P").put("Type", "Pass").put("End", true);
        pass.set("Parameters", SfnFixture.json(parameters));
        return fixture.output(definition.toString(), input);
    }

    @Test
    void formatStringToJsonAndJsonToStringMatchTheDocumentation() {
        JsonNode out = evaluate("""
                {"greeting.$": "States.Format('Hello, my name is {}.', $.name)",
                 "escaped.$": "States.Format('braces \\\\{\\\\} and quote \\\\' and {}', $.year)",
                 "parsed.$": "States.StringToJson($.someString)",
                 "text.$": "States.JsonToString($.someJson)"}""",
                """
                {"name": "Arnav", "year": 2020, "someString": "{\\"number\\": 20}",
                 "someJson": {"name": "Foo", "year": 2020}}""");
        assertThat(out.path("greeting").asText()).isEqualTo("Hello, my name is Arnav.");
        assertThat(out.path("escaped").asText()).isEqualTo("braces {} and quote ' and 2020");
        assertThat(out.path("parsed")).isEqualTo(SfnFixture.json("{\"number\": 20}"));
        assertThat(out.path("text").asText()).isEqualTo("{\"name\":\"Foo\",\"year\":2020}");
    }

    @Test
    void arrayFunctionsMatchTheDocumentation() {
        JsonNode out = evaluate("""
                {"array.$": "States.Array('Foo', 2020, $.someJson, null)",
                 "partition.$": "States.ArrayPartition($.inputArray, 4)",
                 "contains.$": "States.ArrayContains($.inputArray, $.lookingFor)",
                 "range.$": "States.ArrayRange(1, 9, 2)",
                 "item.$": "States.ArrayGetItem($.inputArray, $.index)",
                 "length.$": "States.ArrayLength($.inputArray)",
                 "unique.$": "States.ArrayUnique($.duplicates)"}""",
                """
                {"someJson": {"random": "abcdefghij"}, "inputArray": [1, 2, 3, 4, 5, 6, 7, 8, 9],
                 "lookingFor": 5, "index": 5, "duplicates": [1, 2, 3, 3, 3, 3, 3, 3, 4]}""");
        assertThat(out.path("array")).isEqualTo(SfnFixture.json("[\"Foo\", 2020, {\"random\": \"abcdefghij\"}, null]"));
        assertThat(out.path("partition")).isEqualTo(SfnFixture.json("[[1,2,3,4],[5,6,7,8],[9]]"));
        assertThat(out.path("contains").asBoolean()).isTrue();
        assertThat(out.path("range")).isEqualTo(SfnFixture.json("[1,3,5,7,9]"));
        assertThat(out.path("item").asInt()).isEqualTo(6);
        assertThat(out.path("length").asInt()).isEqualTo(9);
        assertThat(out.path("unique")).isEqualTo(SfnFixture.json("[1,2,3,4]"));
    }

    @Test
    void encodingHashingMathAndStringFunctionsMatchTheDocumentation() {
        JsonNode out = evaluate("""
                {"encoded.$": "States.Base64Encode($.input)",
                 "decoded.$": "States.Base64Decode($.base64)",
                 "hash.$": "States.Hash($.Data, $.Algorithm)",
                 "merged.$": "States.JsonMerge($.json1, $.json2, false)",
                 "random.$": "States.MathRandom($.start, $.end)",
                 "seeded.$": "States.MathRandom($.start, $.end, 7)",
                 "sum.$": "States.MathAdd($.value1, $.step)",
                 "split.$": "States.StringSplit($.inputString, $.splitter)",
                 "split2.$": "States.StringSplit('This.is+a,test=string', '.+,=')",
                 "uuid.$": "States.UUID()"}""",
                """
                {"input": "Data to encode", "base64": "RGF0YSB0byBlbmNvZGU=", "Data": "input data",
                 "Algorithm": "SHA-1", "json1": {"a": {"a1": 1, "a2": 2}, "b": 2},
                 "json2": {"a": {"a3": 1, "a4": 2}, "c": 3}, "start": 1, "end": 999, "value1": 111, "step": -1,
                 "inputString": "1,2,3,4,5", "splitter": ","}""");
        assertThat(out.path("encoded").asText()).isEqualTo("RGF0YSB0byBlbmNvZGU=");
        assertThat(out.path("decoded").asText()).isEqualTo("Data to encode");
        assertThat(out.path("hash").asText()).isEqualTo("aaff4a450a104cd177d28d18d74485e8cae074b7");
        assertThat(out.path("merged"))
                .isEqualTo(SfnFixture.json("{\"a\": {\"a3\": 1, \"a4\": 2}, \"b\": 2, \"c\": 3}"));
        assertThat(out.path("random").asInt()).isBetween(1, 998);
        assertThat(out.path("seeded").asInt()).isBetween(1, 998);
        assertThat(out.path("sum").asInt()).isEqualTo(110);
        assertThat(out.path("split")).isEqualTo(SfnFixture.json("[\"1\",\"2\",\"3\",\"4\",\"5\"]"));
        assertThat(out.path("split2")).isEqualTo(SfnFixture.json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"));
        assertThat(out.path("uuid").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void nestedCallsAndContextPathsAsArguments() {
        JsonNode out = evaluate("""
                {"nested.$": "States.Format('{} has {} items, first {}', $$.State.Name, States.ArrayLength($.items), \
                States.ArrayGetItem(States.StringSplit($.csv, ','), 0))",
                 "json.$": "States.StringToJson(States.JsonToString($.items))"}""",
                "{\"items\": [\"a\", \"b\"], \"csv\": \"x,y\"}");
        assertThat(out.path("nested").asText()).isEqualTo("P has 2 items, first x");
        assertThat(out.path("json")).isEqualTo(SfnFixture.json("[\"a\", \"b\"]"));
    }

    @Test
    void anInvalidCallFailsWithStatesIntrinsicFailure() {
        var done = fixture.run("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true,
                  "Parameters": {"x.$": "States.ArrayGetItem($.items, 5)"}}}}""", "{\"items\": [1]}");
        assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(done.error()).isEqualTo("States.IntrinsicFailure");
    }
}
