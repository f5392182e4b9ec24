package org.kycsuite.accounts.outbox;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubled per consecutive failure, capped at {@code max}. */
record Backoff(Duration initial, Duration max) {

    Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
