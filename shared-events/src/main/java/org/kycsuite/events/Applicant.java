package org.kycsuite.events;

import java.time.LocalDate;

/** The person applying for an account, as bank staff captured them. */
public record Applicant(
        String givenName,
        String familyName,
        LocalDate dateOfBirth,
        CountryCode nationality,
        CountryCode countryOfResidence,
        String email,
        String phone,
        Address address,
        IdentityDocument document,
        String occupation,
        boolean politicallyExposed) {

    /** "Given Family", for screens and review queues. */
    public String fullName() {
        return givenName + " " + familyName;
    }
}
