package org.kycsuite.localcloud.sfn;

/**
 * Thrown by a top-level wait (a task token not decided yet, a Wait state's deadline ahead) after the
 * execution's cursor is durable: the execution gives its thread back and is resumed from that cursor
 * when the token is decided or at {@code recheckAt}, as it would be after a restart.
 */
final class Parked extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient String token;
    private final long recheckAt;

    /**
     * @param token the task token waited for, or {@code null} for a Wait state
     * @param recheckAt when to look again (epoch millis; {@link Long#MAX_VALUE} when only a decision wakes it)
     */
    Parked(String token, long recheckAt) {
        super(null, null, false, false);
        this.token = token;
        this.recheckAt = recheckAt;
    }

    String token() {
        return token;
    }

    long recheckAt() {
        return recheckAt;
    }
}
