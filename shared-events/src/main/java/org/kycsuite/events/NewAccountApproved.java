package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * KYC approved the application ({@value EventTypes#NEW_ACCOUNT_APPROVED}); {@code decidedBy} is
 * {@code automatic} or the reviewer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccountApproved(
        UUID applicationId,
        int schemaVersion,
        RiskLevel riskLevel,
        int riskScore,
        List<RiskFactor> factors,
        String decidedBy,
        Instant decidedAt,
        String note) implements EventDetail {
}
