package org.kycsuite.kyc.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import org.kycsuite.kyc.screening.SanctionsScreening;

/** Loads the sanctions lists while the application starts, not on the first (time-limited) invocation. */
@ApplicationScoped
public class ScreeningWarmup {

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started, SanctionsScreening screening) {
        screening.size();
    }
}
