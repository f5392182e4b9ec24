package org.kycsuite.localcloud.sqs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.ImmediateNextDelivery$;
import org.elasticmq.MessageAttribute;
import org.elasticmq.MessageContent;
import org.elasticmq.NewMessageData;
import org.elasticmq.StringMessageAttribute;
import org.elasticmq.msg.LookupQueue;
import org.elasticmq.msg.SendMessage;
import scala.Option;

/**
 * Sends messages to the embedded queues from inside the process: straight to ElasticMQ's queue
 * actor, as its SendMessage endpoint does after parsing a request, without an HTTP round trip and
 * its JSON on both sides. A message counts as sent once the actor answers, which it does only after
 * the store has journaled it, so the bus's delivery guarantee is the same as through the API.
 * Standard queues only: FIFO queues need a group id and deduplication, which the API path handles.
 */
public final class LocalQueues {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** SQS's largest message (256 KiB), counted in UTF-8 bytes. */
    private static final int MAX_BODY_BYTES = 262_144;

    private final ActorRef queueManager;

    LocalQueues(ActorRef queueManager) {
        this.queueManager = queueManager;
    }

    /** True when {@code queueName} is a queue this sender can deliver to (a standard queue). */
    public static boolean handles(String queueName) {
        return !queueName.endsWith(".fifo");
    }

    /**
     * Sends each body, in order, with {@code attributes} as String message attributes; returns per
     * body {@code null} when the queue has it, or why not.
     *
     * @throws SqsJsonClient.SqsException when the queue does not exist or does not answer
     */
    public List<SqsJsonClient.SqsException> send(String queueName, List<String> bodies,
                                                 Map<String, String> attributes) {
        ActorRef queue = lookUp(queueName);
        scala.collection.immutable.Map<String, MessageAttribute> scalaAttributes =
                scala.collection.immutable.Map$.MODULE$.empty();
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            scalaAttributes = scalaAttributes.updated(attribute.getKey(),
                    new StringMessageAttribute(attribute.getValue(), Option.empty()));
        }
        List<CompletableFuture<Object>> replies = new ArrayList<>(bodies.size());
        List<SqsJsonClient.SqsException> outcomes = new ArrayList<>(bodies.size());
        for (String body : bodies) {
            SqsJsonClient.SqsException invalid = validate(body);
            outcomes.add(invalid);
            replies.add(invalid != null ? null : Patterns.ask(queue, new SendMessage(new NewMessageData(
                    Option.empty(), new MessageContent(body), scalaAttributes, ImmediateNextDelivery$.MODULE$,
                    Option.empty(), Option.empty(), 0, Option.empty(), Option.empty(), Option.empty())), TIMEOUT)
                    .toCompletableFuture());
        }
        for (int i = 0; i < replies.size(); i++) {
            if (replies.get(i) != null) {
                outcomes.set(i, await(replies.get(i), queueName));
            }
        }
        return outcomes;
    }

    private ActorRef lookUp(String queueName) {
        Object found;
        try {
            found = Patterns.ask(queueManager, new LookupQueue(queueName), TIMEOUT).toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqsJsonClient.SqsException("Interrupted", "Interrupted while looking up " + queueName);
        } catch (ExecutionException | TimeoutException e) {
            throw new SqsJsonClient.SqsException("ServiceUnavailable", "The queue manager did not answer: " + e);
        }
        if (found instanceof Option<?> queue && queue.isDefined() && queue.get() instanceof ActorRef actor) {
            return actor;
        }
        throw new SqsJsonClient.SqsException("AWS.SimpleQueueService.NonExistentQueue",
                "The specified queue does not exist.");
    }

    private static SqsJsonClient.SqsException await(CompletableFuture<Object> reply, String queueName) {
        try {
            reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SqsJsonClient.SqsException("Interrupted", "Interrupted while sending to " + queueName);
        } catch (ExecutionException | TimeoutException e) {
            return new SqsJsonClient.SqsException("ServiceUnavailable", "Queue " + queueName
                    + " did not store the message: " + e);
        }
    }

    /** The checks SQS makes of a body: its size, and only the characters XML allows. */
    private static SqsJsonClient.SqsException validate(String body) {
        // At most three UTF-8 bytes per char: only a long body needs encoding to be measured.
        if ((long) body.length() * 3 > MAX_BODY_BYTES
                && body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return new SqsJsonClient.SqsException("InvalidParameterValue", "One or more parameters are invalid. "
                    + "Reason: Message must be shorter than 262144 bytes.");
        }
        for (int offset = 0; offset < body.length(); ) {
            int c = body.codePointAt(offset);
            boolean allowed = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (!allowed) {
                return new SqsJsonClient.SqsException("InvalidMessageContents", "Invalid binary character '#x"
                        + Integer.toHexString(c) + "' was found in the message body.");
            }
            offset += Character.charCount(c);
        }
        return null;
    }
}
