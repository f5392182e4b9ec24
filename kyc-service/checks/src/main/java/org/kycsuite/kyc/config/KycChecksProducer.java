package org.kycsuite.kyc.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.kycsuite.kyc.identity.IdentityVerifier;
import org.kycsuite.kyc.risk.RiskAssessor;
import org.kycsuite.kyc.risk.RiskData;
import org.kycsuite.kyc.risk.RiskSettings;
import org.kycsuite.kyc.screening.SanctionsLists;
import org.kycsuite.kyc.screening.SanctionsScreening;
import org.kycsuite.kyc.screening.ScreeningSettings;

/** Wires the rules from configuration in whichever Quarkus application (REST service or Lambda) includes them. */
@Singleton
public class KycChecksProducer {

    private static final Logger LOG = Logger.getLogger(KycChecksProducer.class);

    @Produces
    @Singleton
    SanctionsScreening screening(
            @ConfigProperty(name = "kyc.screening.lists-location", defaultValue = SanctionsLists.DEFAULT_LOCATION)
            String location,
            @ConfigProperty(name = "kyc.screening.match-threshold", defaultValue = "0.97") double matchThreshold,
            @ConfigProperty(name = "kyc.screening.review-threshold", defaultValue = "0.88") double reviewThreshold,
            @ConfigProperty(name = "kyc.screening.max-matches", defaultValue = "10") int maxMatches) {
        long start = System.nanoTime();
        SanctionsScreening screening = new SanctionsScreening(SanctionsLists.load(location),
                new ScreeningSettings(matchThreshold, reviewThreshold, maxMatches));
        LOG.infof("Loaded %d listed names from %s in %d ms", screening.size(), location,
                (System.nanoTime() - start) / 1_000_000);
        return screening;
    }

    @Produces
    @Singleton
    IdentityVerifier identityVerifier(SanctionsScreening screening) {
        return new IdentityVerifier(screening);
    }

    @Produces
    @Singleton
    RiskAssessor riskAssessor(
            @ConfigProperty(name = "kyc.risk.medium-threshold", defaultValue = "30") int mediumFrom,
            @ConfigProperty(name = "kyc.risk.high-threshold", defaultValue = "60") int highFrom) {
        return new RiskAssessor(RiskData.shipped(), new RiskSettings(mediumFrom, highFrom));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
