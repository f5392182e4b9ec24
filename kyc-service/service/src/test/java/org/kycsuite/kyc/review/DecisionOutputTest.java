package org.kycsuite.kyc.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventTypes;
import org.kycsuite.events.RiskLevel;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** The SendTaskSuccess output of a decision, and how Step Functions errors are read. */
class DecisionOutputTest {

    private static Review review(RiskLevel level, Integer score) {
        Review review = new Review();
        review.applicationId = UUID.fromString("3f2b8c1e-7d4a-4e6b-9a1c-5e8f0d2b7c41");
        review.riskLevel = level;
        review.riskScore = score;
        review.factors = "[{\"code\":\"PEP_SELF_DECLARED\",\"points\":30,\"description\":\"PEP\"}]";
        return review;
    }

    private static JsonNode output(Review review, Decision decision, String note) throws Exception {
        return EventContracts.mapper().readTree(DecisionOutput.json(review, decision, "officer",
                DecisionOutput.truncateNote(note), Instant.parse("2026-11-20T10:02:40Z")));
    }

    @Test
    void approvalCarriesTheReviewerAndIsSchemaValid() throws Exception {
        JsonNode out = output(review(RiskLevel.MEDIUM, 45), Decision.APPROVE, "Source of funds documented.");
        assertThat(out.get("decision").asText()).isEqualTo("APPROVE");
        assertThat(EventContracts.validate(EventTypes.NEW_ACCOUNT_APPROVED, out.get("detail"))).isEmpty();
        assertThat(out.get("detail").get("decidedBy").asText()).isEqualTo("officer");
        assertThat(out.get("detail").get("riskScore").asInt()).isEqualTo(45);
    }

    @Test
    void rejectionHasReasonReviewerRejectedAndTruncatedNote() throws Exception {
        JsonNode out = output(review(RiskLevel.MEDIUM, 45), Decision.REJECT, "x".repeat(2500));
        assertThat(EventContracts.validate(EventTypes.NEW_ACCOUNT_REJECTED, out.get("detail"))).isEmpty();
        assertThat(out.get("detail").get("reasons").get(0).get("code").asText()).isEqualTo("REVIEWER_REJECTED");
        assertThat(out.get("detail").get("note").asText()).hasSize(2000);
    }

    @Test
    void approvalOfAReviewWithoutRiskAssessmentStaysValid() throws Exception {
        JsonNode out = output(review(null, null), Decision.APPROVE, " ");
        assertThat(EventContracts.validate(EventTypes.NEW_ACCOUNT_APPROVED, out.get("detail"))).isEmpty();
        assertThat(out.get("detail").has("note")).isFalse();
    }

    @Test
    void deadTokensExpireTheReviewOtherErrorsKeepItPending() {
        assertThat(ReviewDecisions.classify(TaskTimedOutException.builder().message("timed out").build()))
                .isEqualTo(ReviewDecisions.SendResult.EXPIRED);
        assertThat(ReviewDecisions.classify(TaskDoesNotExistException.builder().message("gone").build()))
                .isEqualTo(ReviewDecisions.SendResult.EXPIRED);
        assertThat(ReviewDecisions.classify(InvalidTokenException.builder().message("bad").build()))
                .isEqualTo(ReviewDecisions.SendResult.EXPIRED);
        assertThat(ReviewDecisions.classify(SdkClientException.create("connection refused")))
                .isEqualTo(ReviewDecisions.SendResult.UNAVAILABLE);
        assertThat(ReviewDecisions.classify((SfnException) SfnException.builder().statusCode(500).build()))
                .isEqualTo(ReviewDecisions.SendResult.UNAVAILABLE);
    }
}
