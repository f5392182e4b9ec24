package org.kycsuite.kyc.identity;

/**
 * ICAO Doc 9303 check digits: characters weigh 7, 3, 1 in turn; digits count as themselves,
 * {@code A}–{@code Z} as 10–35 and the filler {@code <} as 0; the check digit is the sum modulo 10.
 */
public final class Icao9303 {

    private static final int[] WEIGHTS = {7, 3, 1};

    private Icao9303() {
    }

    /** The check digit of {@code field}, which may hold only {@code 0-9}, {@code A-Z} and {@code <}. */
    public static int checkDigit(String field) {
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * WEIGHTS[i % WEIGHTS.length];
        }
        return sum % 10;
    }

    /** Whether the last character of {@code fieldWithCheckDigit} is the check digit of the rest. */
    public static boolean isValid(String fieldWithCheckDigit) {
        if (fieldWithCheckDigit == null || fieldWithCheckDigit.length() < 2) {
            return false;
        }
        char last = fieldWithCheckDigit.charAt(fieldWithCheckDigit.length() - 1);
        if (last < '0' || last > '9') {
            return false;
        }
        try {
            return checkDigit(fieldWithCheckDigit.substring(0, fieldWithCheckDigit.length() - 1)) == last - '0';
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        if (c == '<') {
            return 0;
        }
        throw new IllegalArgumentException("Not an MRZ character: " + c);
    }
}
