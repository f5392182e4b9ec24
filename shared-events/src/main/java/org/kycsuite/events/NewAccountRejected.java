package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * KYC rejected the application ({@value EventTypes#NEW_ACCOUNT_REJECTED}). The risk fields are
 * absent when the identity check failed before any risk assessment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccountRejected(
        UUID applicationId,
        int schemaVersion,
        List<Reason> reasons,
        RiskLevel riskLevel,
        Integer riskScore,
        List<RiskFactor> factors,
        String decidedBy,
        Instant decidedAt,
        String note) implements EventDetail {

    /** Reason code of a review nobody decided in time. */
    public static final String REVIEW_TIMED_OUT = "REVIEW_TIMED_OUT";
}
