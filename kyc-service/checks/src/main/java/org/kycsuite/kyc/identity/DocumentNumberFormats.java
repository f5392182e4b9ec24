package org.kycsuite.kyc.identity;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.kycsuite.events.IdentityDocument.Type;

/**
 * Document number formats per document type and issuing country.
 *
 * <p>A passport number is at most nine characters in the machine-readable zone (ICAO 9303), followed
 * there by its check digit; a ten-character passport number is read as that MRZ field (filler
 * {@code <} allowed) and its check digit must be right. German documents and Spanish DNIs carry their
 * own check characters. Countries without a known format get the type's generic format.
 */
public final class DocumentNumberFormats {

    private static final int MRZ_NUMBER_LENGTH = 9;
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private static final Map<String, Pattern> PASSPORTS = Map.of(
            "GB", Pattern.compile("\\d{9}"),
            "US", Pattern.compile("[A-Z0-9]\\d{8}"),
            "FR", Pattern.compile("\\d{2}[A-Z]{2}\\d{5}"),
            "DE", Pattern.compile("[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{8}"),
            "IE", Pattern.compile("[A-Z]{2}\\d{7}"),
            "ES", Pattern.compile("[A-Z]{3}\\d{6}"));
    private static final Pattern PASSPORT_GENERIC = Pattern.compile("[A-Z0-9]{6,9}");
    private static final Pattern DE_ID = Pattern.compile("[CFGHJKLMNPRTVWXYZ0-9]{9}");
    private static final Pattern ES_DNI = Pattern.compile("\\d{8}[A-Z]");
    private static final Pattern GB_DRIVING = Pattern.compile("[A-Z9]{5}\\d{6}[A-Z9]{2}\\d[A-Z]{2}");
    private static final Pattern GB_RESIDENCE = Pattern.compile("[A-Z]{2}[0-9X]\\d{6}");
    private static final Pattern GENERIC = Pattern.compile("[A-Z0-9]{5,20}");

    private DocumentNumberFormats() {
    }

    /** Why {@code number} is not a valid number for the document, or empty when it is. */
    public static Optional<String> problem(Type type, String country, String number) {
        return switch (type) {
            case PASSPORT -> passport(country, number);
            case NATIONAL_ID -> nationalId(country, number);
            case DRIVING_LICENCE -> matches("GB".equals(country) ? GB_DRIVING : GENERIC, number,
                    "driving licence", country);
            case RESIDENCE_PERMIT -> matches("GB".equals(country) ? GB_RESIDENCE : GENERIC, number,
                    "residence permit", country);
        };
    }

    private static Optional<String> passport(String country, String number) {
        String base = number;
        if (number.length() == MRZ_NUMBER_LENGTH + 1) {
            if (!Icao9303.isValid(number)) {
                return Optional.of("Passport number check digit (ICAO 9303) does not match");
            }
            base = number.substring(0, MRZ_NUMBER_LENGTH).replaceAll("<+$", "");
        }
        return matches(PASSPORTS.getOrDefault(country, PASSPORT_GENERIC), base, "passport", country);
    }

    private static Optional<String> nationalId(String country, String number) {
        if ("DE".equals(country)) {
            if (number.length() == MRZ_NUMBER_LENGTH + 1) {
                return Icao9303.isValid(number) && DE_ID.matcher(number.substring(0, MRZ_NUMBER_LENGTH)).matches()
                        ? Optional.empty() : Optional.of("German identity card number or its check digit is invalid");
            }
            return matches(DE_ID, number, "national identity card", country);
        }
        if ("ES".equals(country)) {
            if (!ES_DNI.matcher(number).matches()) {
                return Optional.of("Spanish DNI must be 8 digits and a letter");
            }
            char expected = DNI_LETTERS.charAt(Integer.parseInt(number.substring(0, 8)) % DNI_LETTERS.length());
            return expected == number.charAt(8) ? Optional.empty()
                    : Optional.of("Spanish DNI check letter does not match");
        }
        return matches(GENERIC, number, "national identity card", country);
    }

    private static Optional<String> matches(Pattern pattern, String number, String what, String country) {
        return pattern.matcher(number).matches() ? Optional.empty()
                : Optional.of("Not a valid " + country + " " + what + " number format");
    }
}
