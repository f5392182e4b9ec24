package org.kycsuite.accounts.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxBatchesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void sendsOnlyTheOldestEventOfEachApplication() {
        List<PendingEvent> pending = List.of(event(1, A), event(2, A), event(3, B));
        assertThat(OutboxBatches.next(pending, Arrays.asList(null, null, null), NOW))
                .extracting(PendingEvent::id).containsExactly(1L, 3L);
    }

    @Test
    void holdsBackAnApplicationWhoseOldestEventWaitsForItsRetry() {
        List<PendingEvent> pending = List.of(event(1, A), event(2, A), event(3, B));
        List<Instant> retryAt = Arrays.asList(NOW.plusSeconds(5), null, NOW.minusSeconds(1));
        assertThat(OutboxBatches.next(pending, retryAt, NOW)).extracting(PendingEvent::id).containsExactly(3L);
    }

    @Test
    void takesAtMostTenEntries() {
        List<PendingEvent> pending = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            pending.add(event(i, UUID.randomUUID()));
        }
        assertThat(OutboxBatches.next(pending, Arrays.asList(new Instant[25]), NOW)).hasSize(10);
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
        assertThat(backoff.after(0)).isEqualTo(Duration.ZERO);
        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(10)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    private static PendingEvent event(long id, UUID applicationId) {
        return new PendingEvent(id, applicationId, "bank.accounts", "New account requested", "{}", NOW, 0);
    }
}
