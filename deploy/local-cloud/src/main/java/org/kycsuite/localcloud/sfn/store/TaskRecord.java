package org.kycsuite.localcloud.sfn.store;

/**
 * One task token: WAITING until SendTaskSuccess/Failure or a timeout decides it, exactly once.
 *
 * @param timeoutAt epoch millis when the task times out, or {@code null}
 * @param heartbeatAt epoch millis when the heartbeat times out, or {@code null}
 * @param result the SendTaskSuccess output (JSON), or {@code null}
 */
public record TaskRecord(String token, String executionArn, String stateName, String status, Long timeoutAt,
                         Long heartbeatAt, Integer heartbeatSeconds, String result, String error, String cause) {

    public static final String WAITING = "WAITING";
    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";
    public static final String TIMED_OUT = "TIMED_OUT";
    public static final String HEARTBEAT_TIMED_OUT = "HEARTBEAT_TIMED_OUT";
    public static final String CLOSED = "CLOSED";

    public boolean waiting() {
        return WAITING.equals(status);
    }
}
