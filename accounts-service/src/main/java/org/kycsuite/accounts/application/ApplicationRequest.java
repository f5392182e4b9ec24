package org.kycsuite.accounts.application;

/**
 * What bank staff submit. Every value is taken as text so that each bad field can be reported by
 * name instead of failing the whole body on the first unparsable one.
 */
public record ApplicationRequest(Applicant applicant, Product product, Money initialDeposit,
                                 Money expectedMonthlyVolume, String branch) {

    /** The person applying. */
    public record Applicant(String givenName, String familyName, String dateOfBirth, String nationality,
                            String countryOfResidence, String email, String phone, Address address,
                            Document document, String occupation, Boolean politicallyExposed) {
    }

    /** Postal address; {@code line2} is optional. */
    public record Address(String line1, String line2, String city, String postalCode, String country) {
    }

    /** The identity document presented. */
    public record Document(String type, String number, String issuingCountry, String expiryDate) {
    }

    /** Product type and its currency. */
    public record Product(String type, String currency) {
    }

    /** A decimal amount as text, with its ISO 4217 currency. */
    public record Money(String amount, String currency) {
    }
}
