package org.kycsuite.accounts.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An event written in the same transaction as the change it announces, waiting to be published. */
@Entity
@Table(name = "outbox")
public class OutboxEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "application_id", nullable = false)
    public UUID applicationId;

    @Column(nullable = false)
    public String source;

    @Column(name = "detail_type", nullable = false)
    public String detailType;

    /** The schema-validated detail JSON. */
    @Column(nullable = false, length = 8000)
    public String detail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error", length = 500)
    public String lastError;

    @Column(name = "sent_at")
    public Instant sentAt;

    /** The id EventBridge gave the event. */
    @Column(name = "event_id")
    public String eventId;

    /** When the relay gave up on it (refused max-attempts times); staff retry it. */
    @Column(name = "parked_at")
    public Instant parkedAt;

    /** Hibernate's "skip locked" lock timeout: rows another relay holds are passed over, not waited for. */
    private static final int SKIP_LOCKED = -2;

    /**
     * The entries that may go now, oldest first: of each application only its oldest unsent entry,
     * and only once its backoff is over. Entries waiting out a backoff are not read at all, so however
     * many the bus keeps refusing, they never crowd newer entries out of the scan; parked entries hold
     * nothing back. The rows are locked for the caller's transaction and rows another relay instance
     * has locked are skipped ({@code FOR UPDATE SKIP LOCKED}): while one relay sends an entry, another
     * neither sends it too nor, as that entry is still unsent, the application's next one.
     *
     * <p>Two steps: the due ids are found without a lock, walking the unsent index in order (H2 reads
     * only as many rows as it returns; the same query {@code FOR UPDATE} made it read every unsent row,
     * which under a backlog was most of the relay's time), then those rows are locked, skipping taken
     * ones, and checked to be still unsent.
     */
    public static List<OutboxEntry> due(Instant now, int limit) {
        List<Long> ids = getEntityManager().createQuery("select o.id from OutboxEntry o where o.sentAt is null "
                + "and o.parkedAt is null and (o.nextAttemptAt is null or o.nextAttemptAt <= ?1) "
                + "and not exists (select 1 from OutboxEntry e where e.applicationId = o.applicationId "
                + "and e.sentAt is null and e.parkedAt is null and e.id < o.id) order by o.sentAt, o.id", Long.class)
                .setParameter(1, now).setMaxResults(limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return find("from OutboxEntry o where o.id in ?1 and o.sentAt is null and o.parkedAt is null order by o.id",
                ids).withLock(LockModeType.PESSIMISTIC_WRITE).withHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .list();
    }

    public static long countPending() {
        return count("sentAt is null and parkedAt is null");
    }
}
