package org.kycsuite.accounts.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** The relay's reads and writes of outbox rows; a batch is read, sent and marked in one transaction. */
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

    /**
     * Runs {@code send} on the next batch inside one transaction that holds the batch's rows, so a
     * second relay instance skips them until they are marked; an exception rolls everything back.
     */
    @Transactional
    public <T> T withNextBatch(int scanSize, Instant now, Function<List<PendingEvent>, T> send) {
        return send.apply(nextBatch(scanSize, now));
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

    /** Counts a refusal: the entry is tried again at {@code retryAt}, or parked at {@code parkAt} if given. */
    @Transactional
    public void markFailed(long id, String error, Instant retryAt, Instant parkAt) {
        String trimmed = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        OutboxEntry.update("attempts = attempts + 1, lastError = ?1, nextAttemptAt = ?2, parkedAt = ?3 where id = ?4",
                trimmed, retryAt, parkAt, id);
    }

    /** Unsent rows, the creation time of the oldest ({@code null} when none), and parked rows. */
    @Transactional
    public Backlog backlog() {
        Object[] row = em.createQuery("select count(o), min(o.createdAt) from OutboxEntry o where o.sentAt is null "
                + "and o.parkedAt is null", Object[].class).getSingleResult();
        long parked = em.createQuery("select count(o) from OutboxEntry o where o.sentAt is null "
                + "and o.parkedAt is not null", Long.class).getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), (Instant) row[1], parked);
    }

    /** What is waiting in the outbox; parked entries wait for staff. */
    public record Backlog(long pending, Instant oldest, long parked) {
    }

    /** Parked entries, oldest first. */
    @Transactional
    public List<OutboxEntry> parked(int limit) {
        return OutboxEntry.<OutboxEntry>find("sentAt is null and parkedAt is not null order by id").page(0, limit)
                .list();
    }

    /** Puts a parked entry back in line with a fresh count of attempts; false when it is not parked. */
    @Transactional
    public boolean retry(long id) {
        return OutboxEntry.update("parkedAt = null, attempts = 0, nextAttemptAt = null where id = ?1 "
                + "and sentAt is null and parkedAt is not null", id) == 1;
    }
}
