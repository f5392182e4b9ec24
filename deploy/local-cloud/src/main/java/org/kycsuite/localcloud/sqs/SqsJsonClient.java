package org.kycsuite.localcloud.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The few SQS calls the local cloud makes itself (provisioning queues, delivering to targets),
 * over SQS's AWS JSON 1.0 protocol against the embedded ElasticMQ — the same path any SDK takes.
 */
public final class SqsJsonClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** SQS's limits for one SendMessageBatch call. */
    private static final int BATCH_ENTRIES = 10;
    private static final int BATCH_BYTES = 256 * 1024;

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final URI endpoint;

    public SqsJsonClient(HttpClient http, ObjectMapper mapper, String endpoint) {
        this.http = http;
        this.mapper = mapper;
        this.endpoint = URI.create(endpoint + "/");
    }

    /** Creates the queue, or updates its attributes when it exists; returns its URL. */
    public String createOrUpdateQueue(String name, Map<String, String> attributes) {
        String existing = queueUrl(name);
        if (existing != null) {
            if (!attributes.isEmpty()) {
                ObjectNode request = mapper.createObjectNode().put("QueueUrl", existing);
                request.set("Attributes", mapper.valueToTree(attributes));
                call("SetQueueAttributes", request);
            }
            return existing;
        }
        ObjectNode request = mapper.createObjectNode().put("QueueName", name);
        request.set("Attributes", mapper.valueToTree(attributes));
        return call("CreateQueue", request).path("QueueUrl").asText();
    }

    /** The queue's URL, or {@code null} when it does not exist. */
    public String queueUrl(String name) {
        try {
            return call("GetQueueUrl", mapper.createObjectNode().put("QueueName", name)).path("QueueUrl").asText();
        } catch (SqsException e) {
            if (e.errorCode().contains("NonExistentQueue") || e.errorCode().contains("QueueDoesNotExist")) {
                return null;
            }
            throw e;
        }
    }

    /** Sends one message with string message attributes; returns the message id. */
    public String sendMessage(String queueUrl, String body, Map<String, String> stringAttributes) {
        ObjectNode request = mapper.createObjectNode().put("QueueUrl", queueUrl).put("MessageBody", body);
        if (!stringAttributes.isEmpty()) {
            ObjectNode attributes = request.putObject("MessageAttributes");
            stringAttributes.forEach((key, value) ->
                    attributes.putObject(key).put("DataType", "String").put("StringValue", value));
        }
        return call("SendMessage", request).path("MessageId").asText();
    }

    /** Splits bodies into SendMessageBatch calls: at most ten entries and 256 KiB each, order kept. */
    public static List<List<String>> batches(List<String> bodies) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int bytes = 0;
        for (String body : bodies) {
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (!current.isEmpty() && (current.size() == BATCH_ENTRIES || bytes + size > BATCH_BYTES)) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(body);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /**
     * Sends up to ten messages in one SendMessageBatch call; returns, per body in order, {@code null}
     * when SQS took it or the entry's error.
     *
     * @throws SqsException when the whole call failed
     */
    public List<SqsException> sendMessageBatch(String queueUrl, List<String> bodies) {
        ObjectNode request = mapper.createObjectNode().put("QueueUrl", queueUrl);
        ArrayNode entries = request.putArray("Entries");
        for (int i = 0; i < bodies.size(); i++) {
            entries.addObject().put("Id", Integer.toString(i)).put("MessageBody", bodies.get(i));
        }
        JsonNode response = call("SendMessageBatch", request);
        List<SqsException> outcomes = new ArrayList<>(Collections.nCopies(bodies.size(), (SqsException) null));
        java.util.BitSet sent = new java.util.BitSet(bodies.size());
        response.path("Successful").forEach(entry -> sent.set(Integer.parseInt(entry.path("Id").asText())));
        response.path("Failed").forEach(entry -> outcomes.set(Integer.parseInt(entry.path("Id").asText()),
                new SqsException(entry.path("Code").asText("SqsError"), entry.path("Message").asText(""))));
        for (int i = 0; i < bodies.size(); i++) {
            if (!sent.get(i) && outcomes.get(i) == null) {
                outcomes.set(i, new SqsException("MissingResult", "SendMessageBatch did not report entry " + i));
            }
        }
        return outcomes;
    }

    private JsonNode call(String operation, ObjectNode request) {
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(request.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                String type = body.path("__type").asText("SqsError");
                throw new SqsException(type.substring(type.indexOf('#') + 1),
                        body.path("message").asText(body.path("Message").asText(response.body())));
            }
            return body;
        } catch (IOException e) {
            throw new SqsException("ConnectionFailure", "SQS " + operation + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SqsException("Interrupted", "SQS " + operation + " was interrupted");
        }
    }

    /** An SQS error response, with SQS's error code. */
    public static final class SqsException extends RuntimeException {
        private final String errorCode;

        public SqsException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        public String errorCode() {
            return errorCode;
        }
    }
}
