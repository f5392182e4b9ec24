package org.kycsuite.accounts.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import org.kycsuite.events.EventContracts;

/** The application body of the design's "Public surface", as a tree tests can break field by field. */
public final class Requests {

    private static final String VALID = """
            {
              "applicant": {
                "givenName": "Ada", "familyName": "Lovelace", "dateOfBirth": "1990-12-10",
                "nationality": "GB", "countryOfResidence": "GB",
                "email": "ada@example.com", "phone": "+442071234567",
                "address": {"line1": "12 St James's Square", "city": "London", "postalCode": "SW1Y 4JH",
                            "country": "GB"},
                "document": {"type": "PASSPORT", "number": "123456789", "issuingCountry": "GB",
                             "expiryDate": "2031-05-01"},
                "occupation": "Software engineer", "politicallyExposed": false
              },
              "product": {"type": "CURRENT_ACCOUNT", "currency": "GBP"},
              "initialDeposit": {"amount": "500.00", "currency": "GBP"},
              "expectedMonthlyVolume": {"amount": "2000.00", "currency": "GBP"}
            }
            """;

    private Requests() {
    }

    public static ObjectNode valid() {
        try {
            return (ObjectNode) EventContracts.mapper().readTree(VALID);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid body with the applicant's given name changed, to tell submissions apart. */
    public static ObjectNode named(String givenName) {
        ObjectNode body = valid();
        ((ObjectNode) body.get("applicant")).put("givenName", givenName);
        return body;
    }
}
