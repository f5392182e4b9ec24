package org.kycsuite.accounts.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox entry the relay gave up on, as staff see it (without the event's personal data). */
public record ParkedEvent(long id, UUID applicationId, String detailType, int attempts, String lastError,
                          Instant createdAt, Instant parkedAt) {

    public static ParkedEvent of(OutboxEntry entry) {
        return new ParkedEvent(entry.id, entry.applicationId, entry.detailType, entry.attempts, entry.lastError,
                entry.createdAt, entry.parkedAt);
    }
}
