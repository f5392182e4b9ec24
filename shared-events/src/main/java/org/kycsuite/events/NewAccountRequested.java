package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** Bank staff submitted an application for a new account ({@value EventTypes#NEW_ACCOUNT_REQUESTED}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewAccountRequested(
        UUID applicationId,
        int schemaVersion,
        Applicant applicant,
        Product product,
        Money initialDeposit,
        Money expectedMonthlyVolume,
        String requestedBy,
        String branch,
        Instant requestedAt) implements EventDetail {
}
