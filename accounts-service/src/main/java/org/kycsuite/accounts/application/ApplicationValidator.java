package org.kycsuite.accounts.application;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.kycsuite.accounts.problem.FieldError;
import org.kycsuite.events.IdentityDocument;
import org.kycsuite.events.IsoCodes;
import org.kycsuite.events.Product;

/**
 * Checks every field of a submission and reports all that are wrong, by path. The rules are those
 * of the "New account requested" contract, so a valid submission always yields a valid event;
 * KYC decisions (age, document expiry, screening) are left to the KYC workflow.
 */
public final class ApplicationValidator {

    private static final int MAX_TEXT = 200;
    private static final String CONTROL_CHARACTERS = "must not contain control characters or line breaks";
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern DOCUMENT_NUMBER = Pattern.compile("^[A-Z0-9<]{5,20}$");
    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    private final Clock clock;
    private final List<FieldError> errors = new ArrayList<>();

    private ApplicationValidator(Clock clock) {
        this.clock = clock;
    }

    /** Every invalid field of {@code request}; empty when it can be submitted. */
    public static List<FieldError> validate(ApplicationRequest request, Clock clock) {
        ApplicationValidator validator = new ApplicationValidator(clock);
        if (request == null) {
            validator.errors.add(new FieldError("", "a JSON body is required"));
        } else {
            validator.check(request);
        }
        return List.copyOf(validator.errors);
    }

    private void check(ApplicationRequest request) {
        if (present("applicant", request.applicant())) {
            applicant(request.applicant());
        }
        if (present("product", request.product())) {
            oneOf("product.type", request.product().type(), names(Product.Type.values()));
            currency("product.currency", request.product().currency());
        }
        String productCurrency = request.product() == null ? null : request.product().currency();
        money("initialDeposit", request.initialDeposit(), productCurrency);
        money("expectedMonthlyVolume", request.expectedMonthlyVolume(), productCurrency);
        optionalText("branch", request.branch(), 100);
    }

    private void applicant(ApplicationRequest.Applicant applicant) {
        text("applicant.givenName", applicant.givenName());
        text("applicant.familyName", applicant.familyName());
        LocalDate born = date("applicant.dateOfBirth", applicant.dateOfBirth());
        if (born != null && (!born.isBefore(LocalDate.now(clock)) || born.isBefore(EARLIEST_BIRTH))) {
            error("applicant.dateOfBirth", "must be in the past and after 1900-01-01");
        }
        country("applicant.nationality", applicant.nationality());
        country("applicant.countryOfResidence", applicant.countryOfResidence());
        if (present("applicant.email", applicant.email())
                && (applicant.email().length() > 254 || !EMAIL.matcher(applicant.email()).matches())) {
            error("applicant.email", "must be an email address like name@example.com");
        }
        if (present("applicant.phone", applicant.phone()) && !PHONE.matcher(applicant.phone()).matches()) {
            error("applicant.phone", "must be in E.164 format, e.g. +442071234567");
        }
        if (present("applicant.address", applicant.address())) {
            ApplicationRequest.Address address = applicant.address();
            text("applicant.address.line1", address.line1());
            optionalText("applicant.address.line2", address.line2(), MAX_TEXT);
            text("applicant.address.city", address.city());
            if (present("applicant.address.postalCode", address.postalCode())
                    && (address.postalCode().isBlank() || address.postalCode().length() > 16)) {
                error("applicant.address.postalCode", "must be 1 to 16 characters");
            }
            country("applicant.address.country", address.country());
        }
        if (present("applicant.document", applicant.document())) {
            document(applicant.document());
        }
        text("applicant.occupation", applicant.occupation());
        present("applicant.politicallyExposed", applicant.politicallyExposed());
    }

    private void document(ApplicationRequest.Document document) {
        oneOf("applicant.document.type", document.type(), names(IdentityDocument.Type.values()));
        if (present("applicant.document.number", document.number())
                && !DOCUMENT_NUMBER.matcher(document.number()).matches()) {
            error("applicant.document.number", "must be 5 to 20 upper-case letters, digits or <");
        }
        country("applicant.document.issuingCountry", document.issuingCountry());
        date("applicant.document.expiryDate", document.expiryDate());
    }

    private void money(String field, ApplicationRequest.Money money, String productCurrency) {
        if (!present(field, money)) {
            return;
        }
        if (present(field + ".amount", money.amount()) && !AMOUNT.matcher(money.amount()).matches()) {
            error(field + ".amount", "must be a non-negative decimal with at most 4 decimals, e.g. \"500.00\"");
        }
        if (currency(field + ".currency", money.currency()) && IsoCodes.currencyCodes().contains(productCurrency)
                && !money.currency().equals(productCurrency)) {
            error(field + ".currency", "must be the product currency " + productCurrency);
        }
    }

    private boolean present(String field, Object value) {
        if (value == null) {
            error(field, "is required");
            return false;
        }
        return true;
    }

    private void text(String field, String value) {
        if (present(field, value) && (value.isBlank() || value.length() > MAX_TEXT)) {
            error(field, "must not be blank and at most " + MAX_TEXT + " characters");
        } else if (value != null && hasControlCharacter(value)) {
            error(field, CONTROL_CHARACTERS);
        }
    }

    private void optionalText(String field, String value, int max) {
        if (value != null && value.length() > max) {
            error(field, "must be at most " + max + " characters");
        } else if (value != null && hasControlCharacter(value)) {
            error(field, CONTROL_CHARACTERS);
        }
    }

    /**
     * Control characters and line or paragraph separators have no place in a name or an address line:
     * they can split a name where screening and people read it differently, and break logs and pages.
     * (Zero-width joiners are legitimate in some scripts; screening folds them away instead.)
     */
    static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(c -> {
            int type = Character.getType(c);
            return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
    }

    private LocalDate date(String field, String value) {
        if (!present(field, value)) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(field, "must be a date as YYYY-MM-DD");
            return null;
        }
    }

    private void country(String field, String value) {
        if (present(field, value) && !IsoCodes.countries().contains(value)) {
            error(field, "must be an ISO 3166-1 alpha-2 country code, e.g. GB");
        }
    }

    private boolean currency(String field, String value) {
        if (present(field, value) && !IsoCodes.currencyCodes().contains(value)) {
            error(field, "must be an ISO 4217 currency code, e.g. GBP");
            return false;
        }
        return value != null;
    }

    private void oneOf(String field, String value, List<String> allowed) {
        if (present(field, value) && !allowed.contains(value)) {
            error(field, "must be one of " + String.join(", ", allowed));
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
