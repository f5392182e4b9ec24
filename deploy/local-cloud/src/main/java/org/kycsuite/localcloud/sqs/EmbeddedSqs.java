package org.kycsuite.localcloud.sqs;

import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scalikejdbc.ConnectionPool$;

/**
 * SQS on the AWS wire protocols (query and JSON), served by an embedded ElasticMQ whose queues and
 * messages live in an H2 file under the data directory.
 *
 * <p>This wires the same pieces as ElasticMQ's own server with {@code messages-storage} enabled
 * (a queue event listener that stores every change, then a restore before serving), because the
 * REST builder alone keeps messages in memory only. The listener is {@link BatchedQueuePersistence}:
 * ElasticMQ's tables and restore, with one commit per group of changes instead of one per change.
 *
 * <p>ElasticMQ's SQL persistence keeps its connection pool in a JVM-wide singleton, so only one
 * local cloud per JVM persists SQS messages at a time; each start points the pool at its own data
 * directory. Tests run their local clouds one after another, which is what this allows.
 */
public final class EmbeddedSqs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(30);

    private final ActorSystem system;
    private final SQSRestServer server;
    private final String host;
    private final int port;
    private final String accountId;
    private final LocalQueues localQueues;

    private EmbeddedSqs(ActorSystem system, SQSRestServer server, String host, int port, String accountId,
                        ActorRef queueManager) {
        this.localQueues = new LocalQueues(queueManager);
        this.system = system;
        this.server = server;
        this.host = host;
        this.port = port;
        this.accountId = accountId;
    }

    /**
     * Starts ElasticMQ on {@code host:port} (0 picks a free port), restoring the queues and messages
     * stored under {@code dataDir}.
     *
     * @throws SqsStartException when the port is taken or the store cannot be restored
     */
    public static EmbeddedSqs start(String host, int port, Path dataDir, String region, String accountId) {
        // DB_CLOSE_ON_EXIT=FALSE: on SIGTERM the store's last checkpoint runs in close(), after H2's own
        // shutdown hook would already have closed the database.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("sqs")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        pools.singleton(url, "sa", "", pools.singleton$default$4(),
                pools.singleton$default$5(url, "sa", "", pools.singleton$default$4()));
        SqlQueuePersistenceConfig persistence = new SqlQueuePersistenceConfig(true, "org.h2.Driver", url, "sa", "",
                false);
        ActorSystem system = ActorSystem.create("elasticmq");
        try {
            ActorRef store = system.actorOf(BatchedQueuePersistence.props(persistence,
                    dataDir.toAbsolutePath()), "sqs-store");
            ActorRef queueManager = system.actorOf(Props.create(QueueManagerActor.class,
                    () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, Option.apply(store))));
            restore(store, queueManager);
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(system)
                    .withQueueManagerActor(queueManager)
                    .withQueueEventListener(store)
                    .withInterface(host)
                    .withPort(port)
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .start();
            int boundPort = server.waitUntilStarted().localAddress().getPort();
            return new EmbeddedSqs(system, server, host, boundPort, accountId, queueManager);
        } catch (Exception e) {
            // Pekko's bind failure surfaces from a Scala Await, undeclared, hence the broad catch.
            terminate(system);
            ConnectionPool$.MODULE$.closeAll();
            if (isBindFailure(e)) {
                throw new SqsStartException("SQS port " + port + " on " + host + " is already in use", e);
            }
            throw e instanceof RuntimeException runtime ? runtime : new SqsStartException(e.getMessage(), e);
        }
    }

    private static boolean isBindFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void restore(ActorRef store, ActorRef queueManager) {
        try {
            Object result = Patterns.ask(store, new QueueEvent.Restore(queueManager), RESTORE_TIMEOUT)
                    .toCompletableFuture().get(RESTORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result instanceof scala.util.Left<?, ?> errors) {
                throw new SqsStartException("Cannot restore the stored queues: " + errors.value(), null);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new SqsStartException("Cannot restore the stored queues: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqsStartException("Interrupted while restoring the stored queues", e);
        }
    }

    /** Sending to the queues from inside the process (the bus's deliveries). */
    public LocalQueues localQueues() {
        return localQueues;
    }

    /** The SQS endpoint for clients ({@code endpointOverride}). */
    public String endpoint() {
        return "http://" + host + ":" + port;
    }

    public int port() {
        return port;
    }

    /** The queue URL ElasticMQ serves for {@code queueName}. */
    public String queueUrl(String queueName) {
        return endpoint() + "/" + accountId + "/" + queueName;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the SQS server failed", e);
        }
        terminate(system);
        ConnectionPool$.MODULE$.closeAll();
    }

    private static void terminate(ActorSystem system) {
        try {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The SQS actor system did not stop cleanly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** ElasticMQ could not start. */
    public static final class SqsStartException extends RuntimeException {
        public SqsStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
