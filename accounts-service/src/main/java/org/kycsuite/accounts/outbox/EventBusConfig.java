package org.kycsuite.accounts.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Which bus events go to and how the outbox relay paces itself. */
@ConfigMapping(prefix = "accounts.events")
public interface EventBusConfig {

    /** The EventBridge bus name. */
    @WithDefault("kyc-bus")
    String busName();

    /** How the outbox relay runs. */
    Relay relay();

    /** Outbox relay pacing. */
    interface Relay {

        /** Whether this instance publishes the outbox. */
        @WithDefault("true")
        boolean enabled();

        /** The first delay after a failure; doubled per consecutive failure. */
        @WithDefault("PT0.5S")
        Duration backoffInitial();

        /** The longest delay between attempts while the bus is unreachable. */
        @WithDefault("PT30S")
        Duration backoffMax();

        /** How often the relay looks for unsent rows when nothing woke it. */
        @WithDefault("PT1S")
        Duration pollInterval();

        /**
         * Refusals of one entry by the bus after which it is parked: it stops holding back the
         * application's later events and waits for staff to retry it (with backoff capped at
         * backoff-max, 50 attempts take about 25 minutes).
         */
        @WithDefault("50")
        int maxAttempts();
    }
}
