package org.kycsuite.support.sqs;

/**
 * A message that can never be processed, however often it is received (not JSON, another contract,
 * another producer, an unknown application): {@link Redelivery} sends it on its way to the dead-letter
 * queue instead of waiting between attempts.
 */
public class UnprocessableMessageException extends RuntimeException {

    public UnprocessableMessageException(String message) {
        super(message);
    }

    public UnprocessableMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
