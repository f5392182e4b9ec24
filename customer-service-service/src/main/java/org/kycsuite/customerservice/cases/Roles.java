package org.kycsuite.customerservice.cases;

/** Roles of this service's users. */
public final class Roles {

    /** Customer-service agents: the only users of this service. */
    public static final String CS_AGENT = "cs-agent";

    private Roles() {
    }
}
