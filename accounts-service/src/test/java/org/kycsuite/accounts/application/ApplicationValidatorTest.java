package org.kycsuite.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kycsuite.accounts.problem.FieldError;

class ApplicationValidatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void acceptsTheDesignSample() {
        assertThat(ApplicationValidator.validate(valid(), CLOCK)).isEmpty();
    }

    @Test
    void reportsEveryMissingFieldOfAnEmptyBody() {
        List<FieldError> errors = ApplicationValidator.validate(
                new ApplicationRequest(null, null, null, null, null), CLOCK);
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("applicant", "product", "initialDeposit", "expectedMonthlyVolume");
        assertThat(ApplicationValidator.validate(null, CLOCK)).hasSize(1);
    }

    @Test
    void refusesABirthDateInTheFuture() {
        ApplicationRequest request = valid();
        ApplicationRequest.Applicant a = request.applicant();
        ApplicationRequest.Applicant unborn = new ApplicationRequest.Applicant(a.givenName(), a.familyName(),
                "2027-01-01", a.nationality(), a.countryOfResidence(), a.email(), a.phone(), a.address(),
                a.document(), a.occupation(), a.politicallyExposed());
        assertThat(ApplicationValidator.validate(withApplicant(request, unborn), CLOCK))
                .extracting(FieldError::field).containsExactly("applicant.dateOfBirth");
    }

    @Test
    void refusesControlCharactersAndLineBreaksInNamesButKeepsJoinersOfOtherScripts() {
        ApplicationRequest request = valid();
        ApplicationRequest.Applicant a = request.applicant();
        for (String name : List.of("Gil\u0000berto", "Gilberto\nRodriguez", "Gil\u0007berto", "Gil\u2028berto",
                "\u0085Gilberto")) {
            ApplicationRequest.Applicant forged = new ApplicationRequest.Applicant(name, a.familyName(),
                    a.dateOfBirth(), a.nationality(), a.countryOfResidence(), a.email(), a.phone(), a.address(),
                    a.document(), a.occupation(), a.politicallyExposed());
            assertThat(ApplicationValidator.validate(withApplicant(request, forged), CLOCK)).as(name)
                    .extracting(FieldError::field, FieldError::message)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("applicant.givenName",
                            "must not contain control characters or line breaks"));
        }
        ApplicationRequest.Applicant persian = new ApplicationRequest.Applicant("\u0645\u06cc\u200c\u0631\u0627",
                a.familyName(), a.dateOfBirth(), a.nationality(), a.countryOfResidence(), a.email(), a.phone(),
                a.address(), a.document(), a.occupation(), a.politicallyExposed());
        assertThat(ApplicationValidator.validate(withApplicant(request, persian), CLOCK)).isEmpty();
    }

    @Test
    void requiresAmountsInTheProductCurrencyWithAtMostFourDecimals() {
        ApplicationRequest request = valid();
        ApplicationRequest odd = new ApplicationRequest(request.applicant(), request.product(),
                new ApplicationRequest.Money("10.12345", "GBP"), new ApplicationRequest.Money("1e3", "USD"), null);
        assertThat(ApplicationValidator.validate(odd, CLOCK)).extracting(FieldError::field)
                .containsExactly("initialDeposit.amount", "expectedMonthlyVolume.amount",
                        "expectedMonthlyVolume.currency");
    }

    static ApplicationRequest valid() {
        return new ApplicationRequest(
                new ApplicationRequest.Applicant("Ada", "Lovelace", "1990-12-10", "GB", "GB", "ada@example.com",
                        "+442071234567",
                        new ApplicationRequest.Address("12 St James's Square", null, "London", "SW1Y 4JH", "GB"),
                        new ApplicationRequest.Document("PASSPORT", "123456789", "GB", "2031-05-01"),
                        "Software engineer", false),
                new ApplicationRequest.Product("CURRENT_ACCOUNT", "GBP"),
                new ApplicationRequest.Money("500.00", "GBP"), new ApplicationRequest.Money("2000.00", "GBP"),
                "London Piccadilly");
    }

    private static ApplicationRequest withApplicant(ApplicationRequest request, ApplicationRequest.Applicant a) {
        return new ApplicationRequest(a, request.product(), request.initialDeposit(),
                request.expectedMonthlyVolume(), request.branch());
    }
}
