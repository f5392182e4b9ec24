package org.kycsuite.events;

import java.util.Arrays;
import java.util.Optional;

/** The catalog: each detail type with its source, record and JSON Schema. */
public enum EventContract {
    NEW_ACCOUNT_REQUESTED(EventTypes.NEW_ACCOUNT_REQUESTED, EventTypes.SOURCE_ACCOUNTS, NewAccountRequested.class,
            "new-account-requested"),
    IDENTITY_CHECK_COMPLETED(EventTypes.IDENTITY_CHECK_COMPLETED, EventTypes.SOURCE_KYC,
            IdentityCheckCompleted.class, "identity-check-completed"),
    MANUAL_REVIEW_REQUESTED(EventTypes.MANUAL_REVIEW_REQUESTED, EventTypes.SOURCE_KYC, ManualReviewRequested.class,
            "manual-review-requested"),
    NEW_ACCOUNT_APPROVED(EventTypes.NEW_ACCOUNT_APPROVED, EventTypes.SOURCE_KYC, NewAccountApproved.class,
            "new-account-approved"),
    NEW_ACCOUNT_REJECTED(EventTypes.NEW_ACCOUNT_REJECTED, EventTypes.SOURCE_KYC, NewAccountRejected.class,
            "new-account-rejected"),
    ACCOUNT_OPENED(EventTypes.ACCOUNT_OPENED, EventTypes.SOURCE_ACCOUNTS, AccountOpened.class, "account-opened");

    private final String detailType;
    private final String source;
    private final Class<? extends EventDetail> detailClass;
    private final String fileName;

    EventContract(String detailType, String source, Class<? extends EventDetail> detailClass, String fileName) {
        this.detailType = detailType;
        this.source = source;
        this.detailClass = detailClass;
        this.fileName = fileName;
    }

    public String detailType() {
        return detailType;
    }

    public String source() {
        return source;
    }

    public Class<? extends EventDetail> detailClass() {
        return detailClass;
    }

    /** Kebab-case name shared by the schema ({@code <name>.schema.json}) and the sample event ({@code <name>.json}). */
    public String fileName() {
        return fileName;
    }

    /** Classpath location of this detail type's JSON Schema. */
    public String schemaResource() {
        return "org/kycsuite/events/schemas/" + fileName + ".schema.json";
    }

    public static Optional<EventContract> forDetailType(String detailType) {
        return Arrays.stream(values()).filter(c -> c.detailType.equals(detailType)).findFirst();
    }

    public static EventContract forDetail(EventDetail detail) {
        return Arrays.stream(values()).filter(c -> c.detailClass.isInstance(detail)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No contract for " + detail.getClass()));
    }
}
