package org.kycsuite.accounts.application;

/** The roles of the service's users. */
public final class Roles {

    public static final String BANK_STAFF = "bank-staff";

    private Roles() {
    }
}
