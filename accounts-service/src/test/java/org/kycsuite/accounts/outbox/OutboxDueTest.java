package org.kycsuite.accounts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kycsuite.accounts.support.LocalCloudResource;

/**
 * What the relay reads next. The entries here wait until an hour from now, so the running relay (which
 * reads as of the real clock) leaves them alone; the test asks as of 45 minutes from now.
 */
@QuarkusTest
@QuarkusTestResource(LocalCloudResource.class)
class OutboxDueTest {

    private static final int SCAN = 100;

    @Inject
    OutboxStore store;

    private final List<UUID> applications = new ArrayList<>();

    @AfterEach
    void removeTheEntries() {
        QuarkusTransaction.requiringNew().run(() -> applications.forEach(id ->
                OutboxEntry.delete("applicationId", id)));
    }

    @Test
    void entriesTheBusKeepsRefusingNeverCrowdANewerOneOutOfTheScan() {
        Instant now = Instant.now();
        for (int i = 0; i < SCAN + 50; i++) {
            write(UUID.randomUUID(), now.plus(Duration.ofHours(1)));
        }
        UUID fresh = UUID.randomUUID();
        long due = write(fresh, now.plus(Duration.ofMinutes(30)));

        List<PendingEvent> batch = store.nextBatch(SCAN, now.plus(Duration.ofMinutes(45)));

        assertThat(batch).extracting(PendingEvent::id).containsExactly(due);
    }

    @Test
    void anApplicationsNewerEntryWaitsBehindItsOlderOneInBackoff() {
        Instant now = Instant.now();
        UUID application = UUID.randomUUID();
        write(application, now.plus(Duration.ofHours(1)));
        write(application, now.plus(Duration.ofMinutes(30)));

        assertThat(store.nextBatch(SCAN, now.plus(Duration.ofMinutes(45)))).isEmpty();
        assertThat(store.nextBatch(SCAN, now.plus(Duration.ofHours(2)))).extracting(PendingEvent::applicationId)
                .containsExactly(application);
    }

    private long write(UUID applicationId, Instant nextAttemptAt) {
        applications.add(applicationId);
        return QuarkusTransaction.requiringNew().call(() -> {
            OutboxEntry entry = new OutboxEntry();
            entry.applicationId = applicationId;
            entry.source = "bank.accounts";
            entry.detailType = "New account requested";
            entry.detail = "{}";
            entry.createdAt = Instant.now();
            entry.attempts = 1;
            entry.nextAttemptAt = nextAttemptAt;
            entry.lastError = "refused in a test";
            entry.persist();
            return entry.id;
        });
    }
}
