package org.kycsuite.localcloud.store;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a journal's flush into its tables on a thread of its own: every {@code intervalMillis}, sooner
 * when {@link #soon()} asks, and once more at {@link #close()}. A flush that fails is logged and left
 * for the next one; what it would have written stays in the journal meanwhile.
 */
public final class PeriodicFlush implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicFlush.class);

    private final Runnable flush;
    private final String what;
    private final ScheduledExecutorService thread;

    /**
     * @param what what the flush moves, for the log ("archived events")
     */
    public PeriodicFlush(String threadName, long intervalMillis, Runnable flush, String what) {
        this.flush = flush;
        this.what = what;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread flusher = new Thread(runnable, threadName);
            flusher.setDaemon(true);
            return flusher;
        });
        thread.scheduleWithFixedDelay(this::flushQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Flushes as soon as the thread is free. */
    public void soon() {
        try {
            thread.execute(this::flushQuietly);
        } catch (RejectedExecutionException e) {
            LOG.debug("Closing: {} are flushed by close()", what);
        }
    }

    /** Waits for a running flush, then flushes a last time on the caller's thread. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
            flush.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Writing the last {} to the tables failed; the journal keeps them for the next start", what, e);
        }
    }

    private void flushQuietly() {
        try {
            flush.run();
        } catch (RuntimeException e) {
            LOG.error("Writing {} to the tables failed; they stay in the journal", what, e);
        }
    }
}
