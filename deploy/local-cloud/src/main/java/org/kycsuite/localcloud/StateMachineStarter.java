package org.kycsuite.localcloud;

/**
 * How the bus starts a Step Functions execution for a rule target whose ARN is a state machine.
 *
 * <p>Local cloud part 1 (the bus) calls it; the Step Functions engine (part 2) implements it.
 * Until an engine is registered, {@link #NONE} fails every delivery with a clear error, which the
 * bus treats like any failed delivery (retry, then the target's dead-letter queue).
 */
public interface StateMachineStarter {

    /**
     * Starts an execution of {@code stateMachineArn} with {@code input} (a JSON document).
     *
     * @return the execution ARN
     * @throws RuntimeException when the state machine does not exist or cannot start
     */
    String startExecution(String stateMachineArn, String input);

    StateMachineStarter NONE = (arn, input) -> {
        throw new IllegalStateException("No Step Functions engine is running in this local cloud; cannot start "
                + arn);
    };
}
