package org.kycsuite.accounts.account;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** ISO 13616 IBANs: check digits by ISO 7064 mod 97-10, the same arithmetic banks verify them with. */
public final class Iban {

    private static final Pattern SHAPE = Pattern.compile("^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$");
    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {
    }

    /** The IBAN of {@code bban} in {@code country}, e.g. {@code GB}, {@code KYCB60161331926819} → {@code GB22…}. */
    public static String of(String country, String bban) {
        if (!country.matches("^[A-Z]{2}$") || !bban.matches("^[A-Z0-9]{11,30}$")) {
            throw new IllegalArgumentException("Not an IBAN country and BBAN: " + country + " " + bban);
        }
        int check = 98 - mod97(bban + country + "00");
        return country + String.format("%02d", check) + bban;
    }

    /** Whether {@code iban} has the IBAN shape and its check digits are right. */
    public static boolean isValid(String iban) {
        if (iban == null || !SHAPE.matcher(iban).matches()) {
            return false;
        }
        return mod97(iban.substring(4) + iban.substring(0, 4)) == 1;
    }

    /** Letters become 10..35, then the whole number modulo 97. */
    private static int mod97(String rearranged) {
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.getNumericValue(c));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
