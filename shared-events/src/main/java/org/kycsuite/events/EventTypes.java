package org.kycsuite.events;

/**
 * Every {@code source} and {@code detail-type} string of the suite, and the default bus name.
 *
 * <p>They are compile-time constants so annotations and {@code switch} labels can use them. Nothing
 * else in the Java code spells these strings; the SAM template and the ASL necessarily do, and the
 * template's rule patterns are tested against the sample events.
 */
public final class EventTypes {

    /** The bus every event of the suite travels on, unless configured otherwise. */
    public static final String DEFAULT_BUS_NAME = "kyc-bus";

    public static final String SOURCE_ACCOUNTS = "bank.accounts";
    public static final String SOURCE_KYC = "bank.kyc";

    public static final String NEW_ACCOUNT_REQUESTED = "New account requested";
    public static final String IDENTITY_CHECK_COMPLETED = "Identity check completed";
    public static final String MANUAL_REVIEW_REQUESTED = "Manual review requested";
    public static final String NEW_ACCOUNT_APPROVED = "New account approved";
    public static final String NEW_ACCOUNT_REJECTED = "New account rejected";
    public static final String ACCOUNT_OPENED = "Account opened";

    private EventTypes() {
    }
}
