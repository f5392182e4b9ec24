package org.kycsuite.accounts.outbox;

import java.time.Instant;
import java.util.UUID;

/** An outbox row on its way to the bus, detached from the persistence context. */
record PendingEvent(long id, UUID applicationId, String source, String detailType, String detail,
                    Instant createdAt, int attempts) {

    static PendingEvent of(OutboxEntry entry) {
        return new PendingEvent(entry.id, entry.applicationId, entry.source, entry.detailType, entry.detail,
                entry.createdAt, entry.attempts);
    }
}
