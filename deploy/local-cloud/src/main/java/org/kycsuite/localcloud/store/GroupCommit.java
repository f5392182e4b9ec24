package org.kycsuite.localcloud.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent callers hand their writes to one committer thread, which runs every write
 * waiting at that moment in one transaction and answers each caller once that transaction is on disk.
 * A caller still returns only after its write is committed (an accepted request survives
 * {@code kill -9}); under load one H2 commit carries many requests instead of one each.
 *
 * <p>When the shared transaction fails, each write of the group runs again in its own transaction,
 * so one bad write fails only its own caller.
 */
public final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_GROUP = 512;

    private final Database database;
    private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean running = true;

    private record Pending<T>(Database.SqlWork<T> work, CompletableFuture<T> result) {
    }

    public GroupCommit(Database database, String name) {
        this.database = database;
        this.committer = new Thread(this::commitLoop, name);
        committer.setDaemon(true);
        committer.start();
    }

    /** Runs {@code work} in a (possibly shared) transaction; returns once it is committed. */
    public <T> T write(Database.SqlWork<T> work) {
        if (!running || Thread.currentThread() == committer) {
            return database.inTransaction(work);
        }
        Pending<T> pending = new Pending<>(work, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(new java.sql.SQLException("Interrupted while waiting for the commit", e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException(new java.sql.SQLException(e.getCause()));
        }
    }

    private void commitLoop() {
        List<Pending<?>> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("Group commit failed unexpectedly", e);
                group.forEach(pending -> pending.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void commit(List<Pending<?>> group) {
        List<Object> results = new ArrayList<>(group.size());
        try {
            database.inTransaction(connection -> {
                for (Pending<?> pending : group) {
                    results.add(pending.work().run(connection));
                }
                return null;
            });
        } catch (RuntimeException shared) {
            if (group.size() == 1) {
                group.get(0).result().completeExceptionally(shared);
                return;
            }
            for (Pending<?> pending : group) {
                try {
                    ((CompletableFuture) pending.result()).complete(database.inTransaction(pending.work()));
                } catch (RuntimeException own) {
                    pending.result().completeExceptionally(own);
                }
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            ((CompletableFuture) group.get(i).result()).complete(results.get(i));
        }
    }

    /** Commits what is queued, then stops; later writes run in their own transactions. */
    @Override
    public void close() {
        running = false;
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<?> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new StoreException(new java.sql.SQLException("The store is closing")));
        }
    }
}
