package org.kycsuite.localcloud.store;

import java.sql.SQLException;

/** A database or journal failure; the edge reports it as an internal error, the dispatcher retries later. */
public class StoreException extends RuntimeException {

    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message, java.io.IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
