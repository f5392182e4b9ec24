package org.kycsuite.kyc.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.IdentityCheck;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.kyc.support.Applications;

/** Every identity rule at its boundary, on the shared sample application. */
class IdentityVerifierTest {

    private static final LocalDate REQUEST_DATE = LocalDate.of(2026, 11, 20);
    private final IdentityVerifier verifier = new IdentityVerifier(Applications.screening());

    private IdentityCheckCompleted verify(Consumer<ObjectNode> change) {
        return verifier.verify(Applications.read(Applications.detail(change)), REQUEST_DATE,
                Instant.parse("2026-11-20T09:15:03Z"));
    }

    private static IdentityCheck check(IdentityCheckCompleted result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void passesTheSampleApplicant() {
        IdentityCheckCompleted result = verify(d -> { });
        assertThat(result.result()).isEqualTo(CheckOutcome.PASSED);
        assertThat(result.checks()).extracting(IdentityCheck::name).containsExactly("REQUIRED_FIELDS", "AGE",
                "DOCUMENT_EXPIRY", "DOCUMENT_NUMBER", "CONTACT_DETAILS", "SANCTIONS_SCREENING");
        assertThat(result.screeningMatches()).isEmpty();
    }

    @Test
    void rejectsApplicantUnder18() {
        IdentityCheckCompleted result = verify(d -> Applications.applicant(d).put("dateOfBirth", "2008-11-21"));
        assertThat(result.result()).isEqualTo(CheckOutcome.FAILED);
        assertThat(check(result, "AGE").reasonCode()).isEqualTo("UNDERAGE");
        assertThat(check(result, "AGE").reason()).contains("is 17");
    }

    @Test
    void acceptsApplicantOnTheir18thBirthday() {
        IdentityCheckCompleted result = verify(d -> Applications.applicant(d).put("dateOfBirth", "2008-11-20"));
        assertThat(check(result, "AGE").outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void documentExpiringOnTheRequestDateIsStillValid() {
        IdentityCheckCompleted result = verify(d -> ((ObjectNode) Applications.applicant(d).get("document"))
                .put("expiryDate", "2026-11-20"));
        assertThat(check(result, "DOCUMENT_EXPIRY").outcome()).isEqualTo(CheckOutcome.PASSED);
    }

    @Test
    void rejectsDocumentExpiredTheDayBefore() {
        IdentityCheckCompleted result = verify(d -> ((ObjectNode) Applications.applicant(d).get("document"))
                .put("expiryDate", "2026-11-19"));
        assertThat(result.result()).isEqualTo(CheckOutcome.FAILED);
        assertThat(check(result, "DOCUMENT_EXPIRY").reasonCode()).isEqualTo("DOCUMENT_EXPIRED");
    }

    @Test
    void rejectsPassportNumberWithWrongCheckDigitWithoutShowingIt() {
        IdentityCheckCompleted result = verify(d -> ((ObjectNode) Applications.applicant(d).get("document"))
                .put("number", "1234567898"));
        assertThat(check(result, "DOCUMENT_NUMBER").reasonCode()).isEqualTo("DOCUMENT_NUMBER_INVALID");
        assertThat(check(result, "DOCUMENT_NUMBER").reason()).doesNotContain("1234567898");
    }

    @Test
    void rejectsMalformedEmailAndPhone() {
        IdentityCheckCompleted result = verify(d -> Applications.applicant(d).put("email", "ada@@example")
                .put("phone", "02071234567"));
        IdentityCheck contact = check(result, "CONTACT_DETAILS");
        assertThat(contact.outcome()).isEqualTo(CheckOutcome.FAILED);
        assertThat(contact.reason()).contains("Email address").contains("E.164");
        assertThat(ContactDetails.isValidEmail("ada.lovelace+kyc@mail.example.co.uk")).isTrue();
        assertThat(ContactDetails.isValidEmail("ada..lovelace@example.com")).isFalse();
        assertThat(ContactDetails.isValidPhone("+442071234567")).isTrue();
        assertThat(ContactDetails.isValidPhone("+4420")).isFalse();
    }

    @Test
    void reportsEveryMissingRequiredField() {
        IdentityCheckCompleted result = verify(d -> {
            Applications.applicant(d).remove("occupation");
            Applications.applicant(d).put("email", " ");
            ((ObjectNode) Applications.applicant(d).get("address")).remove("city");
        });
        IdentityCheck required = check(result, "REQUIRED_FIELDS");
        assertThat(required.reasonCode()).isEqualTo("MISSING_FIELDS");
        assertThat(required.reason()).contains("email", "occupation", "address.city");
    }

    @Test
    void failsSanctionedApplicantAndReviewsNearMatch() {
        IdentityCheckCompleted hit = verify(d -> Applications.applicant(d).put("givenName", "Joaquín")
                .put("familyName", "Guzmán Loera"));
        assertThat(hit.result()).isEqualTo(CheckOutcome.FAILED);
        assertThat(check(hit, "SANCTIONS_SCREENING").reasonCode()).isEqualTo("SANCTIONS_MATCH");
        assertThat(hit.screeningMatches()).first().satisfies(m -> assertThat(m.entryId()).isEqualTo("6861"));

        IdentityCheckCompleted near = verify(d -> Applications.applicant(d).put("givenName", "Nicolas")
                .put("familyName", "Maduro"));
        assertThat(near.result()).isEqualTo(CheckOutcome.NEEDS_REVIEW);
        assertThat(check(near, "SANCTIONS_SCREENING").reasonCode()).isEqualTo("SANCTIONS_NEAR_MATCH");
    }
}
