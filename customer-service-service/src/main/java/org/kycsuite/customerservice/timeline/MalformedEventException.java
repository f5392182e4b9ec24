package org.kycsuite.customerservice.timeline;

import org.kycsuite.support.sqs.UnprocessableMessageException;

/** A message that is not a readable event: it is nacked, so SQS moves it to the DLQ after the redrive count. */
public class MalformedEventException extends UnprocessableMessageException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
