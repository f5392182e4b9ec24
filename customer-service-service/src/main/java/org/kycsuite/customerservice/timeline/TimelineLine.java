package org.kycsuite.customerservice.timeline;

/** Who did what, in words an agent can read out to a customer. */
public record TimelineLine(String actor, String summary) {
}
