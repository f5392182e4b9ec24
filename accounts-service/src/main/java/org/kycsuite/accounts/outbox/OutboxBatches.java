package org.kycsuite.accounts.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Chooses what the relay sends next. Only the oldest unsent event of each application may go, so an
 * application's events reach the bus in the order they were written even when one of them has to be
 * retried; an application whose oldest event is waiting out its backoff sends nothing meanwhile.
 */
final class OutboxBatches {

    /** PutEvents takes at most ten entries. */
    static final int MAX_BATCH = 10;

    private OutboxBatches() {
    }

    /**
     * @param pending unsent rows in id order
     * @param retryAt per row, when it may be tried again ({@code null} = now), same order as {@code pending}
     */
    static List<PendingEvent> next(List<PendingEvent> pending, List<Instant> retryAt, Instant now) {
        List<PendingEvent> batch = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < pending.size() && batch.size() < MAX_BATCH; i++) {
            PendingEvent event = pending.get(i);
            if (!seen.add(event.applicationId())) {
                continue;
            }
            Instant due = retryAt.get(i);
            if (due == null || !due.isAfter(now)) {
                batch.add(event);
            }
        }
        return batch;
    }
}
