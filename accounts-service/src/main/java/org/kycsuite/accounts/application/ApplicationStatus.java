package org.kycsuite.accounts.application;

/** Where an application stands: {@code SUBMITTED} → {@code APPROVED} → {@code OPENED}, or {@code REJECTED}. */
public enum ApplicationStatus {
    SUBMITTED, APPROVED, OPENED, REJECTED;

    /** Whether no outcome can change the application any more. */
    public boolean isFinal() {
        return this == OPENED || this == REJECTED;
    }
}
