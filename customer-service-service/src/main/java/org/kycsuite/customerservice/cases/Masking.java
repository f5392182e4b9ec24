package org.kycsuite.customerservice.cases;

import java.time.LocalDate;
import org.kycsuite.events.DocumentNumber;

/** How identifying data is shown to agents: enough to recognise a caller, not enough to impersonate one. */
public final class Masking {

    private static final int POSTCODE_VISIBLE = 2;

    private Masking() {
    }

    /** {@code ada@example.com} → {@code a***@example.com}. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return DocumentNumber.mask(email);
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** All but the last three digits hidden. */
    public static String phone(String phone) {
        return DocumentNumber.mask(phone);
    }

    /** The year only: {@code 1990-**-**}. */
    public static String dateOfBirth(LocalDate date) {
        return date == null ? null : date.getYear() + "-**-**";
    }

    /** The street line is hidden entirely. */
    public static String streetLine(String line) {
        return line == null ? null : "***";
    }

    /** The first two characters of a postcode (its area) stay visible. */
    public static String postalCode(String code) {
        if (code == null) {
            return null;
        }
        int visible = Math.min(POSTCODE_VISIBLE, code.length());
        return code.substring(0, visible) + "*".repeat(code.length() - visible);
    }
}
