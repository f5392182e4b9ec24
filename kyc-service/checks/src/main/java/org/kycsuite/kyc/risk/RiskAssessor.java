package org.kycsuite.kyc.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.kycsuite.events.Applicant;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.CountryCode;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.Money;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.events.RiskFactor;
import org.kycsuite.events.ScreeningMatch;

/**
 * The explainable risk score: every rule that applies adds a {@link RiskFactor} with its points; the
 * score is their sum and the level its band. Amount bands are in the application's own currency
 * units (no FX conversion).
 */
public final class RiskAssessor {

    static final int RESIDENCE_HIGH_RISK = 60;
    static final int RESIDENCE_MONITORED = 25;
    static final int NATIONALITY_HIGH_RISK = 40;
    static final int NATIONALITY_MONITORED = 15;
    static final int PEP = 30;
    static final int PRODUCT_BUSINESS = 15;
    static final int PRODUCT_PREMIUM = 10;
    static final int DEPOSIT_HIGH = 10;
    static final int DEPOSIT_VERY_HIGH = 25;
    static final int VOLUME_MEDIUM = 5;
    static final int VOLUME_HIGH = 15;
    static final int VOLUME_VERY_HIGH = 30;
    static final int AGE_YOUNG_ADULT = 10;
    static final int AGE_OVER_80 = 5;
    static final int OCCUPATION = 20;
    static final int SCREENING_NEAR_MATCH = 20;

    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final BigDecimal FIFTY_THOUSAND = new BigDecimal("50000");
    private static final BigDecimal FIVE_THOUSAND = new BigDecimal("5000");
    private static final BigDecimal TWENTY_FIVE_THOUSAND = new BigDecimal("25000");
    private static final BigDecimal HUNDRED_THOUSAND = new BigDecimal("100000");

    private final RiskData data;
    private final RiskSettings settings;

    public RiskAssessor(RiskData data, RiskSettings settings) {
        this.data = data;
        this.settings = settings;
    }

    public RiskSettings settings() {
        return settings;
    }

    public RiskAssessment assess(NewAccountRequested application, IdentityCheckCompleted identity, LocalDate on) {
        List<RiskFactor> factors = new ArrayList<>();
        Applicant applicant = application.applicant();
        country(factors, "RESIDENCE", "Country of residence", applicant.countryOfResidence(), RESIDENCE_HIGH_RISK,
                RESIDENCE_MONITORED);
        country(factors, "NATIONALITY", "Nationality", applicant.nationality(), NATIONALITY_HIGH_RISK,
                NATIONALITY_MONITORED);
        if (applicant.politicallyExposed()) {
            factors.add(new RiskFactor("PEP_SELF_DECLARED", PEP, "Applicant declared a politically exposed position"));
        }
        product(factors, application);
        deposit(factors, application.initialDeposit());
        volume(factors, application.expectedMonthlyVolume());
        age(factors, applicant, on);
        String occupation = data.riskyOccupation(applicant.occupation());
        if (occupation != null) {
            factors.add(new RiskFactor("OCCUPATION_HIGH_RISK", OCCUPATION,
                    "Occupation is in a cash-intensive or higher-risk sector (" + occupation + ")"));
        }
        screening(factors, identity);
        int score = Math.max(0, factors.stream().mapToInt(RiskFactor::points).sum());
        return new RiskAssessment(score, settings.level(score), List.copyOf(factors));
    }

    private void country(List<RiskFactor> factors, String prefix, String label, CountryCode country, int high,
            int monitored) {
        if (country == null) {
            return;
        }
        if (data.highRiskCountries().contains(country.value())) {
            factors.add(new RiskFactor(prefix + "_HIGH_RISK_COUNTRY", high, label + " " + country
                    + " is a FATF high-risk jurisdiction subject to a call for action"));
        } else if (data.monitoredCountries().contains(country.value())) {
            factors.add(new RiskFactor(prefix + "_MONITORED_COUNTRY", monitored, label + " " + country
                    + " is a FATF jurisdiction under increased monitoring"));
        }
    }

    private static void product(List<RiskFactor> factors, NewAccountRequested application) {
        if (application.product() == null || application.product().type() == null) {
            return;
        }
        switch (application.product().type()) {
            case BUSINESS_ACCOUNT -> factors.add(new RiskFactor("PRODUCT_BUSINESS_ACCOUNT", PRODUCT_BUSINESS,
                    "Business accounts carry third-party funds"));
            case PREMIUM_ACCOUNT -> factors.add(new RiskFactor("PRODUCT_PREMIUM_ACCOUNT", PRODUCT_PREMIUM,
                    "Premium accounts carry higher limits"));
            default -> {
                // current and savings accounts add nothing
            }
        }
    }

    private static void deposit(List<RiskFactor> factors, Money deposit) {
        if (deposit == null) {
            return;
        }
        if (deposit.amount().compareTo(FIFTY_THOUSAND) >= 0) {
            factors.add(new RiskFactor("INITIAL_DEPOSIT_VERY_HIGH", DEPOSIT_VERY_HIGH,
                    "Initial deposit of 50,000 or more"));
        } else if (deposit.amount().compareTo(TEN_THOUSAND) >= 0) {
            factors.add(new RiskFactor("INITIAL_DEPOSIT_HIGH", DEPOSIT_HIGH,
                    "Initial deposit between 10,000 and 50,000"));
        }
    }

    private static void volume(List<RiskFactor> factors, Money volume) {
        if (volume == null) {
            return;
        }
        BigDecimal amount = volume.amount();
        if (amount.compareTo(HUNDRED_THOUSAND) >= 0) {
            factors.add(new RiskFactor("MONTHLY_VOLUME_VERY_HIGH", VOLUME_VERY_HIGH,
                    "Expected monthly volume of 100,000 or more"));
        } else if (amount.compareTo(TWENTY_FIVE_THOUSAND) >= 0) {
            factors.add(new RiskFactor("MONTHLY_VOLUME_HIGH", VOLUME_HIGH,
                    "Expected monthly volume between 25,000 and 100,000"));
        } else if (amount.compareTo(FIVE_THOUSAND) >= 0) {
            factors.add(new RiskFactor("MONTHLY_VOLUME_MEDIUM", VOLUME_MEDIUM,
                    "Expected monthly volume between 5,000 and 25,000"));
        }
    }

    private static void age(List<RiskFactor> factors, Applicant applicant, LocalDate on) {
        if (applicant.dateOfBirth() == null) {
            return;
        }
        int years = Period.between(applicant.dateOfBirth(), on).getYears();
        if (years < 21) {
            factors.add(new RiskFactor("AGE_YOUNG_ADULT", AGE_YOUNG_ADULT, "Applicant is under 21"));
        } else if (years >= 80) {
            factors.add(new RiskFactor("AGE_OVER_80", AGE_OVER_80, "Applicant is 80 or older"));
        }
    }

    private static void screening(List<RiskFactor> factors, IdentityCheckCompleted identity) {
        if (identity == null || identity.screeningMatches() == null || identity.screeningMatches().isEmpty()
                || identity.result() == CheckOutcome.FAILED) {
            return;
        }
        List<ScreeningMatch> matches = identity.screeningMatches();
        factors.add(new RiskFactor("SCREENING_NEAR_MATCH", SCREENING_NEAR_MATCH, "Name resembles " + matches.size()
                + " sanctions list entr" + (matches.size() == 1 ? "y" : "ies") + " (best score "
                + matches.get(0).score() + ")"));
    }
}
