package org.kycsuite.kyc.invoke;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.SampleEvents;
import org.kycsuite.kyc.support.LocalCloudResource;

/** The workflow's Lambda calls over HTTP, as the local cloud makes them: no credentials, Lambda's error shape. */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class LambdaInvokeResourceTest {

    private static ObjectNode sampleDetail() {
        return (ObjectNode) SampleEvents.tree(EventContract.NEW_ACCOUNT_REQUESTED).get("detail");
    }

    private static JsonNode invoke(String function, JsonNode payload) throws Exception {
        String body = given().contentType(ContentType.JSON).body(payload.toString())
                .when().post("/2015-03-31/functions/" + function + "/invocations")
                .then().statusCode(200).header(LambdaInvokeResource.FUNCTION_ERROR, nullValue())
                .extract().asString();
        return EventContracts.mapper().readTree(body);
    }

    @Test
    void identityCheckThenRiskAssessmentOfTheSampleRequest() throws Exception {
        ObjectNode detail = sampleDetail();
        ObjectNode payload = EventContracts.mapper().createObjectNode()
                .put("applicationId", detail.get("applicationId").asText()).put("requestedAt", "2026-11-20T09:15:02Z");
        payload.set("application", detail);
        JsonNode identity = invoke("identity-check", payload);
        assertThat(EventContracts.validate(EventTypes.IDENTITY_CHECK_COMPLETED, identity.get("detail"))).isEmpty();
        assertThat(identity.get("detail").get("result").asText()).isEqualTo("PASSED");
        assertThat(identity.has("rejection")).isFalse();

        ObjectNode riskPayload = EventContracts.mapper().createObjectNode();
        riskPayload.set("application", detail);
        riskPayload.set("identity", identity.get("detail"));
        JsonNode risk = invoke("risk-assessment", riskPayload);
        assertThat(risk.get("riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(risk.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(risk.get("review").get("riskScore").asInt()).isEqualTo(45);
    }

    @Test
    void functionErrorsAnswerAsLambdaDoes() {
        given().contentType(ContentType.JSON).body("{\"applicationId\": \"x\"}")
                .when().post("/2015-03-31/functions/identity-check/invocations")
                .then().statusCode(200).header(LambdaInvokeResource.FUNCTION_ERROR, equalTo("Unhandled"))
                .body("errorType", equalTo("InvalidPayloadException"));
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/2015-03-31/functions/open-account/invocations")
                .then().statusCode(404).header("x-amzn-ErrorType", equalTo("ResourceNotFoundException"));
    }

    @Test
    void asynchronousInvocationIsAccepted() throws Exception {
        ObjectNode payload = EventContracts.mapper().createObjectNode();
        payload.set("application", sampleDetail());
        given().contentType(ContentType.JSON).header("X-Amz-Invocation-Type", "Event").body(payload.toString())
                .when().post("/2015-03-31/functions/identity-check/invocations")
                .then().statusCode(202);
    }
}
