package org.kycsuite.kyc.identity;

import java.util.regex.Pattern;

/** Email (RFC 5321 practical subset) and phone (E.164) formats. */
public final class ContactDetails {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_LOCAL_PART = 64;

    private ContactDetails() {
    }

    public static boolean isValidEmail(String email) {
        if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            return false;
        }
        return email.indexOf('@') <= MAX_LOCAL_PART;
    }

    public static boolean isValidPhone(String phone) {
        return phone != null && E164.matcher(phone).matches();
    }
}
