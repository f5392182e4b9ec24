package org.kycsuite.accounts.outcome;

import org.kycsuite.support.sqs.UnprocessableMessageException;

/**
 * A message that can never be handled. Its text names what is wrong, never the message body, so it
 * is safe to log; the message goes to the dead-letter queue after the redrive count.
 */
public class PoisonMessageException extends UnprocessableMessageException {

    public PoisonMessageException(String message) {
        super(message);
    }
}
