package org.kycsuite.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The identity check ran ({@value EventTypes#IDENTITY_CHECK_COMPLETED}). */
public record IdentityCheckCompleted(
        UUID applicationId,
        int schemaVersion,
        CheckOutcome result,
        List<IdentityCheck> checks,
        List<ScreeningMatch> screeningMatches,
        Instant checkedAt) implements EventDetail {
}
