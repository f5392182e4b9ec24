package org.kycsuite.events;

import java.time.LocalDate;

/** The identity document an applicant presented. */
public record IdentityDocument(Type type, DocumentNumber number, CountryCode issuingCountry, LocalDate expiryDate) {

    /** Document kinds the bank accepts. */
    public enum Type { PASSPORT, NATIONAL_ID, DRIVING_LICENCE, RESIDENCE_PERMIT }
}
