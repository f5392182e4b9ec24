package org.kycsuite.systemtests;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Application request bodies for the scenarios, each applicant unique so tests never see each other's data. */
final class Applicants {

    private Applicants() {
    }

    /** A UK resident with an ordinary job, modest amounts and no PEP declaration: automatic approval. */
    static Map<String, Object> lowRisk() {
        return application("Grace", "Hopper", "GB", false, "Software engineer", "500.00", "2000.00");
    }

    /** A name on the OFAC SDN list ("GUZMAN LOERA, Joaquin", entry 6861): identity check fails on screening. */
    static Map<String, Object> sanctioned() {
        return application("Joaquin", "Guzman Loera", "GB", false, "Consultant", "500.00", "2000.00");
    }

    /** A politically exposed person with a large deposit: PEP 30 + deposit 10 + volume 5 = 45, the review band. */
    static Map<String, Object> mediumRisk() {
        return application("Charles", "Babbage", "GB", true, "Software engineer", "12500.00", "8000.00");
    }

    static Map<String, Object> application(String givenName, String familyName, String country, boolean pep,
                                           String occupation, String deposit, String monthlyVolume) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> applicant = new HashMap<>();
        applicant.put("givenName", givenName);
        applicant.put("familyName", familyName);
        applicant.put("dateOfBirth", "1985-03-14");
        applicant.put("nationality", country);
        applicant.put("countryOfResidence", country);
        applicant.put("email", givenName.toLowerCase().replace(' ', '.') + "." + unique + "@example.com");
        applicant.put("phone", "+442071234567");
        applicant.put("address", Map.of("line1", "1 Test Street", "city", "London", "postalCode", "SW1A 1AA",
                "country", country));
        applicant.put("document", Map.of("type", "PASSPORT", "number",
                String.format("%09d", Math.floorMod(unique.hashCode(), 1_000_000_000)),
                "issuingCountry", "GB", "expiryDate", "2033-01-31"));
        applicant.put("occupation", occupation);
        applicant.put("politicallyExposed", pep);
        return Map.of(
                "applicant", applicant,
                "product", Map.of("type", "CURRENT_ACCOUNT", "currency", "GBP"),
                "initialDeposit", Map.of("amount", deposit, "currency", "GBP"),
                "expectedMonthlyVolume", Map.of("amount", monthlyVolume, "currency", "GBP"));
    }
}
