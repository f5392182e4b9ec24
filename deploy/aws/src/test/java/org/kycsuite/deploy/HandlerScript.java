package org.kycsuite.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kycsuite.deploy.FunctionDouble.Answer;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.SampleEvents;

/**
 * What the identity-check and risk-assessment doubles answer per application: payloads shaped as the
 * workflow contract says (HELPERS.md), built from the shared sample events and schema-checked.
 */
final class HandlerScript {

    /** How the handlers behave for one application. */
    enum Scenario {
        LOW_RISK, HIGH_RISK, MEDIUM_RISK, IDENTITY_FAILED, IDENTITY_FLAKY, IDENTITY_DOWN
    }

    static final int FLAKY_FAILURES = 2;

    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final Map<String, Integer> identityCalls = new ConcurrentHashMap<>();

    void expect(String applicationId, Scenario scenario) {
        scenarios.put(applicationId, scenario);
    }

    Answer identityCheck(JsonNode request) {
        String applicationId = request.path("applicationId").asText();
        Scenario scenario = scenarios.getOrDefault(applicationId, Scenario.LOW_RISK);
        int call = identityCalls.merge(applicationId, 1, Integer::sum);
        if (scenario == Scenario.IDENTITY_DOWN || scenario == Scenario.IDENTITY_FLAKY && call <= FLAKY_FAILURES) {
            return new Answer(500, "{\"message\":\"Service unavailable\"}");
        }
        ObjectNode payload = SamTemplate.JSON.createObjectNode();
        ObjectNode detail = payload.putObject("detail");
        detail.setAll(identityDetail(applicationId));
        if (scenario == Scenario.IDENTITY_FAILED) {
            detail.put("result", "FAILED");
            ArrayNode checks = detail.putArray("checks");
            checks.addObject().put("name", "SANCTIONS_SCREENING").put("outcome", "FAILED");
            detail.putArray("screeningMatches").addObject().put("list", "OFAC_SDN").put("entryId", "7784")
                    .put("matchedName", "Ada Lovelace").put("score", 0.98);
            payload.set("rejection", valid(EventContract.NEW_ACCOUNT_REJECTED,
                    sample(EventContract.NEW_ACCOUNT_REJECTED, applicationId)));
        }
        valid(EventContract.IDENTITY_CHECK_COMPLETED, detail);
        return Answer.ok(payload);
    }

    Answer riskAssessment(JsonNode request) {
        String applicationId = request.at("/application/applicationId").asText();
        ObjectNode payload = SamTemplate.JSON.createObjectNode();
        switch (scenarios.getOrDefault(applicationId, Scenario.LOW_RISK)) {
            case MEDIUM_RISK -> {
                payload.put("riskLevel", "MEDIUM").put("riskScore", 45).put("outcome", "REVIEW");
                ObjectNode review = sample(EventContract.MANUAL_REVIEW_REQUESTED, applicationId);
                valid(EventContract.MANUAL_REVIEW_REQUESTED, review);
                review.remove("taskToken");
                payload.set("review", review);
            }
            case HIGH_RISK -> {
                payload.put("riskLevel", "HIGH").put("riskScore", 75).put("outcome", "REJECT");
                ObjectNode rejection = sample(EventContract.NEW_ACCOUNT_REJECTED, applicationId);
                rejection.put("riskLevel", "HIGH").put("riskScore", 75).putArray("reasons").addObject()
                        .put("code", "RISK_HIGH").put("text", "Risk score 75 is in the HIGH band (60 and above)");
                payload.set("rejection", valid(EventContract.NEW_ACCOUNT_REJECTED, rejection));
            }
            default -> {
                payload.put("riskLevel", "LOW").put("riskScore", 10).put("outcome", "APPROVE");
                ObjectNode approval = sample(EventContract.NEW_ACCOUNT_APPROVED, applicationId);
                approval.put("riskLevel", "LOW").put("riskScore", 10).put("decidedBy", "automatic").remove("note");
                approval.putArray("factors").addObject().put("code", "PRODUCT_CURRENT_ACCOUNT").put("points", 10)
                        .put("description", "Current account");
                payload.set("approval", valid(EventContract.NEW_ACCOUNT_APPROVED, approval));
            }
        }
        return Answer.ok(payload);
    }

    /** What the identity double reports for an application that passes. */
    static ObjectNode identityDetail(String applicationId) {
        return sample(EventContract.IDENTITY_CHECK_COMPLETED, applicationId);
    }

    /** The sample detail of {@code contract}, for {@code applicationId}. */
    static ObjectNode sample(EventContract contract, String applicationId) {
        ObjectNode detail = (ObjectNode) SampleEvents.tree(contract).path("detail").deepCopy();
        return detail.put("applicationId", applicationId);
    }

    static ObjectNode valid(EventContract contract, ObjectNode detail) {
        var violations = EventContracts.validate(contract.detailType(), detail);
        if (!violations.isEmpty()) {
            throw new AssertionError("The double's " + contract.detailType() + " is invalid: " + violations);
        }
        return detail;
    }
}
