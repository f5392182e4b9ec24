package org.kycsuite.kyc.risk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.IdentityCheck;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.RiskFactor;
import org.kycsuite.events.RiskLevel;
import org.kycsuite.events.ScreeningMatch;
import org.kycsuite.kyc.support.Applications;

/** The risk rules, their points and the bands, on the shared sample application. */
class RiskAssessorTest {

    private static final LocalDate ON = LocalDate.of(2026, 11, 20);
    private final RiskAssessor assessor = new RiskAssessor(RiskData.shipped(), RiskSettings.DEFAULTS);

    private RiskAssessment assess(ObjectNode detail) {
        return assessor.assess(Applications.read(detail), null, ON);
    }

    @Test
    void sampleAdaLovelaceIsMedium() {
        RiskAssessment risk = assess(Applications.detail(d -> { }));
        assertThat(risk.factors()).extracting(RiskFactor::code)
                .containsExactly("PEP_SELF_DECLARED", "INITIAL_DEPOSIT_HIGH", "MONTHLY_VOLUME_MEDIUM");
        assertThat(risk.score()).isEqualTo(45);
        assertThat(risk.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void plainBritishSoftwareEngineerIsLow() {
        RiskAssessment risk = assess(Applications.plainDetail());
        assertThat(risk.factors()).isEmpty();
        assertThat(risk.score()).isZero();
        assertThat(risk.level()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void pepWithVeryLargeAmountsIsHigh() {
        RiskAssessment risk = assess(Applications.detail(d -> {
            ((ObjectNode) d.get("initialDeposit")).put("amount", "60000.00");
            ((ObjectNode) d.get("expectedMonthlyVolume")).put("amount", "150000.00");
        }));
        assertThat(risk.score()).isEqualTo(30 + 25 + 30);
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void residenceInHighRiskJurisdictionIsHighOnItsOwn() {
        ObjectNode detail = Applications.plainDetail();
        Applications.applicant(detail).put("countryOfResidence", "IR");
        RiskAssessment risk = assess(detail);
        assertThat(risk.factors()).extracting(RiskFactor::code).containsExactly("RESIDENCE_HIGH_RISK_COUNTRY");
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void monitoredNationalityBusinessProductYoungAgeAndOccupationAddUp() {
        ObjectNode detail = Applications.plainDetail();
        Applications.applicant(detail).put("nationality", "VN").put("dateOfBirth", "2006-01-01")
                .put("occupation", "Casino cashier");
        ((ObjectNode) detail.get("product")).put("type", "BUSINESS_ACCOUNT");
        RiskAssessment risk = assess(detail);
        assertThat(risk.factors()).extracting(RiskFactor::code).containsExactly("NATIONALITY_MONITORED_COUNTRY",
                "PRODUCT_BUSINESS_ACCOUNT", "AGE_YOUNG_ADULT", "OCCUPATION_HIGH_RISK");
        assertThat(risk.score()).isEqualTo(15 + 15 + 10 + 20);
        assertThat(risk.level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void amountBandsStartAtTheirLowerBound() {
        ObjectNode detail = Applications.plainDetail();
        ((ObjectNode) detail.get("initialDeposit")).put("amount", "9999.99");
        ((ObjectNode) detail.get("expectedMonthlyVolume")).put("amount", "5000");
        assertThat(assess(detail).factors()).extracting(RiskFactor::code).containsExactly("MONTHLY_VOLUME_MEDIUM");
        ((ObjectNode) detail.get("initialDeposit")).put("amount", "10000");
        assertThat(assess(detail).factors()).extracting(RiskFactor::code)
                .containsExactly("INITIAL_DEPOSIT_HIGH", "MONTHLY_VOLUME_MEDIUM");
    }

    @Test
    void screeningNearMatchAddsPoints() {
        IdentityCheckCompleted identity = new IdentityCheckCompleted(null, 1, CheckOutcome.NEEDS_REVIEW,
                List.of(new IdentityCheck("SANCTIONS_SCREENING", CheckOutcome.NEEDS_REVIEW, "SANCTIONS_NEAR_MATCH",
                        "x")), List.of(new ScreeningMatch("OFAC_SDN", "22790", "MADURO MOROS, Nicolas", 0.95)),
                Instant.now());
        RiskAssessment risk = assessor.assess(Applications.read(Applications.plainDetail()), identity, ON);
        assertThat(risk.factors()).extracting(RiskFactor::code).containsExactly("SCREENING_NEAR_MATCH");
        assertThat(risk.score()).isEqualTo(20);
    }

    @Test
    void bandsAreConfigurableAndInclusiveAtTheirLowerBound() {
        RiskSettings defaults = RiskSettings.DEFAULTS;
        assertThat(defaults.level(29)).isEqualTo(RiskLevel.LOW);
        assertThat(defaults.level(30)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(defaults.level(59)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(defaults.level(60)).isEqualTo(RiskLevel.HIGH);
        RiskAssessor strict = new RiskAssessor(RiskData.shipped(), new RiskSettings(20, 45));
        assertThat(strict.assess(Applications.read(Applications.detail(d -> { })), null, ON).level())
                .isEqualTo(RiskLevel.HIGH);
    }
}
