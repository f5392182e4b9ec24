package org.kycsuite.kyc.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.kyc.identity.IdentityVerifier;
import org.kycsuite.kyc.risk.RiskAssessor;
import org.kycsuite.kyc.risk.RiskData;
import org.kycsuite.kyc.risk.RiskSettings;
import org.kycsuite.kyc.support.Applications;

/** Both handlers on the shared sample request: outputs follow the workflow contract and the event schemas. */
class HandlersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:15:03.5Z"), ZoneOffset.UTC);
    private final IdentityCheckHandler identity = new IdentityCheckHandler(
            new IdentityVerifier(Applications.screening()), CLOCK);
    private final RiskAssessmentHandler risk = new RiskAssessmentHandler(
            new RiskAssessor(RiskData.shipped(), RiskSettings.DEFAULTS), CLOCK);

    private JsonNode assessRisk(ObjectNode detail) {
        JsonNode identityOut = identity.handleRequest(Applications.identityPayload(detail), null);
        ObjectNode payload = EventContracts.mapper().createObjectNode();
        payload.set("application", detail);
        payload.set("identity", identityOut.get("detail"));
        return risk.handleRequest(payload, null);
    }

    private static void assertValid(String detailType, JsonNode detail) {
        assertThat(EventContracts.validate(detailType, detail)).isEmpty();
    }

    @Test
    void sampleRequestPassesIdentityCheckWithSchemaValidDetail() {
        JsonNode out = identity.handleRequest(Applications.identityPayload(Applications.detail(d -> { })), null);
        assertValid(EventTypes.IDENTITY_CHECK_COMPLETED, out.get("detail"));
        assertThat(out.get("detail").get("result").asText()).isEqualTo("PASSED");
        assertThat(out.get("detail").get("applicationId").asText()).isEqualTo("3f2b8c1e-7d4a-4e6b-9a1c-5e8f0d2b7c41");
        assertThat(out.get("detail").get("checkedAt").asText()).isEqualTo("2026-11-20T09:15:03.500Z");
        assertThat(out.has("rejection")).isFalse();
    }

    @Test
    void sanctionedApplicantFailsWithAutomaticRejection() {
        ObjectNode detail = Applications.detail(d -> Applications.applicant(d).put("givenName", "Joaquin")
                .put("familyName", "Guzman Loera"));
        JsonNode out = identity.handleRequest(Applications.identityPayload(detail), null);
        assertValid(EventTypes.IDENTITY_CHECK_COMPLETED, out.get("detail"));
        assertValid(EventTypes.NEW_ACCOUNT_REJECTED, out.get("rejection"));
        assertThat(out.get("detail").get("result").asText()).isEqualTo("FAILED");
        assertThat(out.get("rejection").get("decidedBy").asText()).isEqualTo("automatic");
        assertThat(out.get("rejection").get("reasons").get(0).get("code").asText()).isEqualTo("SANCTIONS_MATCH");
    }

    @Test
    void sampleAdaLovelaceGoesToReviewWithoutTaskToken() {
        JsonNode out = assessRisk(Applications.detail(d -> { }));
        assertThat(out.get("riskLevel").asText()).isEqualTo("MEDIUM");
        assertThat(out.get("riskScore").asInt()).isEqualTo(45);
        assertThat(out.get("outcome").asText()).isEqualTo("REVIEW");
        JsonNode review = out.get("review");
        assertThat(review.has("taskToken")).isFalse();
        assertValid(EventTypes.MANUAL_REVIEW_REQUESTED, ((ObjectNode) review.deepCopy()).put("taskToken", "t"));
        assertThat(review.get("applicantName").asText()).isEqualTo("Ada Lovelace");
        assertThat(review.get("reasons").get(0).get("text").asText())
                .isEqualTo("Risk score 45 is in the MEDIUM band (30-59)");
        assertThat(out.has("approval")).isFalse();
        assertThat(out.has("rejection")).isFalse();
    }

    @Test
    void plainApplicantIsApprovedAutomatically() {
        JsonNode out = assessRisk(Applications.plainDetail());
        assertThat(out.get("outcome").asText()).isEqualTo("APPROVE");
        assertValid(EventTypes.NEW_ACCOUNT_APPROVED, out.get("approval"));
        assertThat(out.get("approval").get("decidedBy").asText()).isEqualTo("automatic");
    }

    @Test
    void highRiskIsRejectedAndNearMatchIsReviewed() {
        ObjectNode high = Applications.detail(d -> ((ObjectNode) d.get("expectedMonthlyVolume"))
                .put("amount", "150000.00"));
        ((ObjectNode) high.get("initialDeposit")).put("amount", "60000.00");
        JsonNode rejected = assessRisk(high);
        assertThat(rejected.get("outcome").asText()).isEqualTo("REJECT");
        assertValid(EventTypes.NEW_ACCOUNT_REJECTED, rejected.get("rejection"));
        assertThat(rejected.get("rejection").get("reasons").get(0).get("code").asText()).isEqualTo("RISK_HIGH");

        ObjectNode near = Applications.plainDetail();
        Applications.applicant(near).put("givenName", "Nicolas").put("familyName", "Maduro");
        JsonNode reviewed = assessRisk(near);
        assertThat(reviewed.get("riskLevel").asText()).isEqualTo("LOW");
        assertThat(reviewed.get("outcome").asText()).isEqualTo("REVIEW");
        assertThat(reviewed.get("review").get("screeningMatches").get(0).get("entryId").asText()).isEqualTo("22790");
        assertThat(reviewed.get("review").get("reasons").get(0).get("code").asText())
                .isEqualTo("SANCTIONS_NEAR_MATCH");
    }

    @Test
    void payloadWithoutApplicationFailsTheInvocation() {
        assertThatThrownBy(() -> identity.handleRequest(EventContracts.mapper().createObjectNode(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("application");
    }
}
