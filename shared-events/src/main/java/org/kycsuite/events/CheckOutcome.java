package org.kycsuite.events;

/** The outcome of one identity check, and of the identity check as a whole. */
public enum CheckOutcome { PASSED, FAILED, NEEDS_REVIEW }
