package org.kycsuite.accounts.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.kycsuite.events.EventContract;
import org.kycsuite.events.EventContracts;
import org.kycsuite.events.EventDetail;

/**
 * Writes events to the outbox inside the caller's transaction: the event exists if and only if the
 * change it announces was committed. The detail is checked against its contract here, so a broken
 * event fails the change that produced it instead of every consumer.
 */
@ApplicationScoped
public class Outbox {

    private final Clock clock;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    public Outbox(Clock clock, OutboxRelay relay, TransactionSynchronizationRegistry transactions) {
        this.clock = clock;
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxEntry append(EventDetail detail) {
        EventContract contract = EventContract.forDetail(detail);
        OutboxEntry entry = new OutboxEntry();
        entry.applicationId = detail.applicationId();
        entry.source = contract.source();
        entry.detailType = contract.detailType();
        entry.detail = EventContracts.toValidatedJson(detail);
        entry.createdAt = clock.instant();
        entry.persist();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // nothing to do before the commit
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
        return entry;
    }
}
