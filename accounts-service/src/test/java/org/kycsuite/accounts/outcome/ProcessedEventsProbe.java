package org.kycsuite.accounts.outcome;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.UUID;
import org.kycsuite.accounts.account.Account;

/** Reads tables from a test, each in its own transaction. */
final class ProcessedEventsProbe {

    private ProcessedEventsProbe() {
    }

    static long count(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ProcessedEvent.count("eventId", eventId));
    }

    static long accounts(UUID applicationId) {
        return QuarkusTransaction.requiringNew().call(() -> Account.count("applicationId", applicationId));
    }
}
