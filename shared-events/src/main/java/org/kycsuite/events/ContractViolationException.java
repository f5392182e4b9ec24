package org.kycsuite.events;

import java.util.List;

/** A producer tried to send a detail that breaks its contract; the event is not sent. */
public class ContractViolationException extends RuntimeException {

    private final transient List<ContractViolation> violations;

    public ContractViolationException(String detailType, List<ContractViolation> violations) {
        super("\"" + detailType + "\" detail breaks its contract: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<ContractViolation> violations() {
        return violations;
    }
}
