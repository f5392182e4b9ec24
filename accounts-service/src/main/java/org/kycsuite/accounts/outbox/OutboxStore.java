package org.kycsuite.accounts.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/** The relay's reads and writes of outbox rows, each in its own short transaction. */
@ApplicationScoped
public class OutboxStore {

    private static final int MAX_ERROR_LENGTH = 500;

    private final EntityManager em;

    public OutboxStore(EntityManager em) {
        this.em = em;
    }

    /** The next batch to send (see {@link OutboxBatches}), as of {@code now}. */
    @Transactional
    public List<PendingEvent> nextBatch(int scanSize, Instant now) {
        List<OutboxEntry> rows = OutboxEntry.due(now, scanSize);
        return OutboxBatches.next(rows.stream().map(PendingEvent::of).toList(),
                rows.stream().map(row -> row.nextAttemptAt).toList(), now);
    }

    /** Marks the bus's accepted entries of one PutEvents call sent, in one transaction. */
    @Transactional
    public void markSent(List<Sent> sent, Instant at) {
        for (Sent entry : sent) {
            OutboxEntry.update("sentAt = ?1, eventId = ?2, lastError = null where id = ?3", at, entry.eventId(),
                    entry.id());
        }
    }

    /** An outbox row the bus accepted, with the event id it gave. */
    public record Sent(long id, String eventId) {
    }

    @Transactional
    public void markFailed(long id, String error, Instant retryAt) {
        String trimmed = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        OutboxEntry.update("attempts = attempts + 1, lastError = ?1, nextAttemptAt = ?2 where id = ?3",
                trimmed, retryAt, id);
    }

    /** Unsent rows and the creation time of the oldest ({@code null} when none). */
    @Transactional
    public Backlog backlog() {
        Object[] row = em.createQuery("select count(o), min(o.createdAt) from OutboxEntry o where o.sentAt is null",
                Object[].class).getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), (Instant) row[1]);
    }

    /** What is waiting in the outbox. */
    public record Backlog(long pending, Instant oldest) {
    }
}
