package org.kycsuite.kyc.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kycsuite.events.Address;
import org.kycsuite.events.Applicant;
import org.kycsuite.events.CheckOutcome;
import org.kycsuite.events.EventDetail;
import org.kycsuite.events.IdentityCheck;
import org.kycsuite.events.IdentityCheckCompleted;
import org.kycsuite.events.IdentityDocument;
import org.kycsuite.events.NewAccountRequested;
import org.kycsuite.kyc.screening.SanctionsScreening;
import org.kycsuite.kyc.screening.SanctionsScreening.ScreeningResult;

/** Runs every identity check on an application and combines them: any FAILED fails, else any NEEDS_REVIEW. */
public final class IdentityVerifier {

    public static final String REQUIRED_FIELDS = "REQUIRED_FIELDS";
    public static final String AGE = "AGE";
    public static final String DOCUMENT_EXPIRY = "DOCUMENT_EXPIRY";
    public static final String DOCUMENT_NUMBER = "DOCUMENT_NUMBER";
    public static final String CONTACT_DETAILS = "CONTACT_DETAILS";
    public static final String SANCTIONS_SCREENING = "SANCTIONS_SCREENING";
    public static final int MINIMUM_AGE = 18;
    private static final int MAX_REASON = 500;

    private final SanctionsScreening screening;

    public IdentityVerifier(SanctionsScreening screening) {
        this.screening = screening;
    }

    /** Checks {@code application} as of {@code requestDate} (age and document validity are judged on that day). */
    public IdentityCheckCompleted verify(NewAccountRequested application, LocalDate requestDate, Instant checkedAt) {
        Applicant applicant = application.applicant();
        List<IdentityCheck> checks = new ArrayList<>();
        checks.add(requiredFields(applicant));
        checks.add(age(applicant, requestDate));
        IdentityDocument document = applicant == null ? null : applicant.document();
        checks.add(documentExpiry(document, requestDate));
        checks.add(documentNumber(document));
        checks.add(contactDetails(applicant));
        ScreeningResult screened = applicant == null || applicant.givenName() == null || applicant.familyName() == null
                ? new ScreeningResult(List.of(), CheckOutcome.FAILED)
                : screening.screen(applicant.givenName() + " " + applicant.familyName());
        checks.add(screeningCheck(screened));
        CheckOutcome result = combine(checks);
        return new IdentityCheckCompleted(application.applicationId(), EventDetail.CURRENT_SCHEMA_VERSION, result,
                List.copyOf(checks), screened.matches(), checkedAt);
    }

    static IdentityCheck requiredFields(Applicant a) {
        List<String> missing = new ArrayList<>();
        if (a == null) {
            missing.add("applicant");
        } else {
            require(missing, "givenName", a.givenName());
            require(missing, "familyName", a.familyName());
            require(missing, "dateOfBirth", a.dateOfBirth());
            require(missing, "nationality", a.nationality());
            require(missing, "countryOfResidence", a.countryOfResidence());
            require(missing, "email", a.email());
            require(missing, "phone", a.phone());
            require(missing, "occupation", a.occupation());
            Address address = a.address();
            if (require(missing, "address", address)) {
                require(missing, "address.line1", address.line1());
                require(missing, "address.city", address.city());
                require(missing, "address.postalCode", address.postalCode());
                require(missing, "address.country", address.country());
            }
            IdentityDocument document = a.document();
            if (require(missing, "document", document)) {
                require(missing, "document.type", document.type());
                require(missing, "document.number", document.number());
                require(missing, "document.issuingCountry", document.issuingCountry());
                require(missing, "document.expiryDate", document.expiryDate());
            }
        }
        return missing.isEmpty() ? passed(REQUIRED_FIELDS)
                : failed(REQUIRED_FIELDS, "MISSING_FIELDS", "Missing required fields: " + String.join(", ", missing));
    }

    static IdentityCheck age(Applicant a, LocalDate requestDate) {
        if (a == null || a.dateOfBirth() == null) {
            return failed(AGE, "MISSING_FIELDS", "Date of birth is missing");
        }
        if (a.dateOfBirth().isAfter(requestDate)) {
            return failed(AGE, "DATE_OF_BIRTH_INVALID", "Date of birth is in the future");
        }
        int years = Period.between(a.dateOfBirth(), requestDate).getYears();
        return years >= MINIMUM_AGE ? passed(AGE)
                : failed(AGE, "UNDERAGE", "Applicant is " + years + " on " + requestDate + "; the minimum age is "
                        + MINIMUM_AGE);
    }

    /** A document is valid through its expiry date. */
    static IdentityCheck documentExpiry(IdentityDocument document, LocalDate requestDate) {
        if (document == null || document.expiryDate() == null) {
            return failed(DOCUMENT_EXPIRY, "MISSING_FIELDS", "Document expiry date is missing");
        }
        return document.expiryDate().isBefore(requestDate)
                ? failed(DOCUMENT_EXPIRY, "DOCUMENT_EXPIRED", "Document expired on " + document.expiryDate())
                : passed(DOCUMENT_EXPIRY);
    }

    static IdentityCheck documentNumber(IdentityDocument document) {
        if (document == null || document.type() == null || document.number() == null
                || document.issuingCountry() == null) {
            return failed(DOCUMENT_NUMBER, "MISSING_FIELDS", "Document type, number or issuing country is missing");
        }
        Optional<String> problem = DocumentNumberFormats.problem(document.type(), document.issuingCountry().value(),
                document.number().value());
        return problem.map(text -> failed(DOCUMENT_NUMBER, "DOCUMENT_NUMBER_INVALID", text))
                .orElseGet(() -> passed(DOCUMENT_NUMBER));
    }

    static IdentityCheck contactDetails(Applicant a) {
        List<String> problems = new ArrayList<>();
        if (a == null || !ContactDetails.isValidEmail(a.email())) {
            problems.add("email address is not valid");
        }
        if (a == null || !ContactDetails.isValidPhone(a.phone())) {
            problems.add("phone number is not in E.164 format");
        }
        return problems.isEmpty() ? passed(CONTACT_DETAILS)
                : failed(CONTACT_DETAILS, "CONTACT_DETAILS_INVALID", capitalise(String.join("; ", problems)));
    }

    static IdentityCheck screeningCheck(ScreeningResult result) {
        return switch (result.outcome()) {
            case PASSED -> passed(SANCTIONS_SCREENING);
            case FAILED -> result.matches().isEmpty()
                    ? failed(SANCTIONS_SCREENING, "MISSING_FIELDS", "No name to screen")
                    : new IdentityCheck(SANCTIONS_SCREENING, CheckOutcome.FAILED, "SANCTIONS_MATCH",
                    truncate("Name matches " + describe(result)));
            case NEEDS_REVIEW -> new IdentityCheck(SANCTIONS_SCREENING, CheckOutcome.NEEDS_REVIEW,
                    "SANCTIONS_NEAR_MATCH", truncate("Name resembles " + describe(result)));
        };
    }

    private static String describe(ScreeningResult result) {
        var best = result.matches().get(0);
        String more = result.matches().size() > 1 ? " and " + (result.matches().size() - 1) + " more" : "";
        return best.list() + " entry " + best.entryId() + " (score " + best.score() + ")" + more;
    }

    private static CheckOutcome combine(List<IdentityCheck> checks) {
        if (checks.stream().anyMatch(c -> c.outcome() == CheckOutcome.FAILED)) {
            return CheckOutcome.FAILED;
        }
        return checks.stream().anyMatch(c -> c.outcome() == CheckOutcome.NEEDS_REVIEW)
                ? CheckOutcome.NEEDS_REVIEW : CheckOutcome.PASSED;
    }

    private static boolean require(List<String> missing, String field, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            missing.add(field);
            return false;
        }
        return true;
    }

    private static IdentityCheck passed(String name) {
        return new IdentityCheck(name, CheckOutcome.PASSED, null, null);
    }

    private static IdentityCheck failed(String name, String code, String reason) {
        return new IdentityCheck(name, CheckOutcome.FAILED, code, truncate(reason));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "\u2026";
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
