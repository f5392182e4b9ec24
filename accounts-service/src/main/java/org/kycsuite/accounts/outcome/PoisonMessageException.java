package org.kycsuite.accounts.outcome;

/**
 * A message that can never be handled. Its text names what is wrong, never the message body, so it
 * is safe to log; the message is not acknowledged and SQS moves it to the dead-letter queue.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
