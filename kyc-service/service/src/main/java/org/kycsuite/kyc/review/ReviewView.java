package org.kycsuite.kyc.review;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;
import org.kycsuite.events.RiskLevel;

/**
 * A review as the API shows it: everything but the task token; {@code delivery} says whether the
 * workflow has taken the decision (see {@link Review.Delivery}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReviewView(UUID id, UUID applicationId, String applicantName, RiskLevel riskLevel, Integer riskScore,
                         Review.Status status, Instant requestedAt, JsonNode factors, JsonNode reasons,
                         JsonNode screeningMatches, String decidedBy, Instant decidedAt, String note,
                         Review.Delivery delivery) {

    private static final TypeReference<JsonNode> TREE = new TypeReference<>() { };

    public static ReviewView of(Review r) {
        return new ReviewView(r.id, r.applicationId, r.applicantName, r.riskLevel, r.riskScore, r.status,
                r.requestedAt, DecisionOutput.read(r.factors, TREE), DecisionOutput.read(r.reasons, TREE),
                DecisionOutput.read(r.screeningMatches, TREE), r.decidedBy, r.decidedAt, r.note, r.delivery);
    }
}
