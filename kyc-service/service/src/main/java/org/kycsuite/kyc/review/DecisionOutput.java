package org.kycsuite.kyc.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.NewAccountApproved;
import org.kycsuite.events.NewAccountRejected;
import org.kycsuite.events.Reason;
import org.kycsuite.events.RiskFactor;
import org.kycsuite.events.RiskLevel;

/**
 * The SendTaskSuccess output of a decision: {@code {"decision", "detail"}}, where the detail is the
 * schema-valid "New account approved" or "New account rejected" the workflow publishes as is.
 */
final class DecisionOutput {

    static final String REVIEWER_REJECTED = "REVIEWER_REJECTED";
    /** The schemas' maximum note length; a longer note is cut, not refused. */
    static final int MAX_NOTE = 2000;

    private DecisionOutput() {
    }

    static String json(Review review, Decision decision, String officer, String note, Instant at) {
        List<RiskFactor> factors = read(review.factors, new TypeReference<>() { });
        EventDetail detail;
        if (decision == Decision.APPROVE) {
            // Approval needs a risk level; a review opened because the assessment itself failed has none.
            RiskLevel level = review.riskLevel == null ? RiskLevel.MEDIUM : review.riskLevel;
            List<RiskFactor> approvedFactors = factors;
            if (review.riskLevel == null) {
                approvedFactors = new ArrayList<>(factors);
                approvedFactors.add(new RiskFactor("RISK_NOT_ASSESSED", 0,
                        "Risk assessment did not run; a compliance officer assessed the application"));
            }
            detail = new NewAccountApproved(review.applicationId, EventDetail.CURRENT_SCHEMA_VERSION, level,
                    review.riskScore == null ? 0 : review.riskScore, approvedFactors, officer, at, note);
        } else {
            detail = new NewAccountRejected(review.applicationId, EventDetail.CURRENT_SCHEMA_VERSION,
                    List.of(new Reason(REVIEWER_REJECTED, "Rejected by a compliance officer after manual review")),
                    review.riskLevel, review.riskScore, factors, officer, at, note);
        }
        ObjectNode output = EventContracts.mapper().createObjectNode();
        output.put("decision", decision.name());
        try {
            output.set("detail", EventContracts.mapper().readTree(EventContracts.toValidatedJson(detail)));
            return EventContracts.mapper().writeValueAsString(output);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String truncateNote(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        String stripped = note.strip();
        return stripped.length() <= MAX_NOTE ? stripped : stripped.substring(0, MAX_NOTE);
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventContracts.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored review JSON is unreadable", e);
        }
    }
}
