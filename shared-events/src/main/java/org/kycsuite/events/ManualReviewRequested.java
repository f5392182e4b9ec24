package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A compliance officer must decide ({@value EventTypes#MANUAL_REVIEW_REQUESTED}).
 *
 * <p>{@code riskLevel} and {@code riskScore} are absent when the risk assessment itself could not
 * run; the reasons say so. {@code taskToken} resumes the waiting workflow: whoever holds it can
 * decide the review, so {@link #toString()} never shows it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManualReviewRequested(
        UUID applicationId,
        int schemaVersion,
        String applicantName,
        RiskLevel riskLevel,
        Integer riskScore,
        List<RiskFactor> factors,
        List<Reason> reasons,
        List<ScreeningMatch> screeningMatches,
        String taskToken,
        Instant requestedAt) implements EventDetail {

    @Override
    public String toString() {
        return "ManualReviewRequested[applicationId=" + applicationId + ", riskLevel=" + riskLevel + ", riskScore="
                + riskScore + ", reasons=" + reasons + ", taskToken=***]";
    }
}
