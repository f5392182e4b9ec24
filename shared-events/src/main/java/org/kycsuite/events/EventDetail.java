package org.kycsuite.events;

import java.util.UUID;

/** The {@code detail} of a suite event: every one carries the application it is about and its contract version. */
public sealed interface EventDetail
        permits NewAccountRequested, IdentityCheckCompleted, ManualReviewRequested, NewAccountApproved,
        NewAccountRejected, AccountOpened {

    /** The first and only contract version of every detail type so far. */
    int CURRENT_SCHEMA_VERSION = 1;

    UUID applicationId();

    int schemaVersion();
}
