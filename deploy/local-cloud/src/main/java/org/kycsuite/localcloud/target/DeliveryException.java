package org.kycsuite.localcloud.target;

/**
 * A failed delivery to a target, with the error code that goes into the dead-letter message.
 * Non-retryable failures (a target that cannot exist, a client error) skip the remaining retries, as
 * EventBridge does.
 */
public class DeliveryException extends Exception {

    private final String errorCode;
    private final boolean retryable;

    public DeliveryException(String errorCode, String message, boolean retryable) {
        super(message);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
