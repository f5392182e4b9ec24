package org.kycsuite.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** accounts-service opened the approved account ({@value EventTypes#ACCOUNT_OPENED}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountOpened(
        UUID applicationId,
        int schemaVersion,
        String accountNumber,
        String currency,
        Instant openedAt) implements EventDetail {
}
