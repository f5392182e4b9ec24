package org.kycsuite.localcloud.target;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kycsuite.localcloud.Arns;
import org.kycsuite.localcloud.StateMachineStarter;
import org.kycsuite.localcloud.sqs.LocalQueues;
import org.kycsuite.localcloud.sqs.SqsJsonClient;

/**
 * Hands a rendered input to a target, chosen by the target ARN's service: an SQS queue (this local
 * cloud's own standard queues in process, others through the SQS API), a Step
 * Functions state machine, a Lambda function (Lambda's Invoke path on a configured URL), or an HTTP
 * endpoint given as an http(s) URL.
 */
public final class TargetInvoker {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final int TOO_MANY_REQUESTS = 429;

    private final SqsJsonClient sqs;
    private final String sqsEndpoint;
    private final LocalQueues localQueues;
    private final String accountId;
    private final StateMachineStarter stateMachines;
    private final Map<String, String> functionUrls;
    private final HttpClient http;

    /**
     * @param localQueues sends to this local cloud's own standard queues (account {@code accountId}) in
     *     process; other queues go through the SQS API at {@code sqsEndpoint}
     */
    public TargetInvoker(SqsJsonClient sqs, String sqsEndpoint, LocalQueues localQueues, String accountId,
                         StateMachineStarter stateMachines, Map<String, String> functionUrls, HttpClient http) {
        this.sqs = sqs;
        this.sqsEndpoint = sqsEndpoint;
        this.localQueues = localQueues;
        this.accountId = accountId;
        this.stateMachines = stateMachines;
        this.functionUrls = functionUrls;
        this.http = http;
    }

    /** Delivers {@code input} to the target; returns normally only when the target has it. */
    public void invoke(JsonNode target, String input) throws DeliveryException {
        String arn = target.path("Arn").asText();
        if (arn.startsWith("http://") || arn.startsWith("https://")) {
            post(URI.create(arn), input, Map.of());
            return;
        }
        switch (Arns.service(arn)) {
            case "sqs" -> sendToQueue(arn, input);
            case "states" -> startExecution(arn, input);
            case "lambda" -> invokeFunction(arn, input);
            default -> throw new DeliveryException("UnsupportedTarget", "The local cloud cannot deliver to " + arn,
                    false);
        }
    }

    /**
     * Delivers each input to the target, SQS queues in SendMessageBatch calls; returns, per input,
     * {@code null} when the target has it or the reason it does not.
     */
    public List<DeliveryException> invokeAll(JsonNode target, List<String> inputs) {
        String arn = target.path("Arn").asText();
        List<DeliveryException> outcomes = new ArrayList<>(inputs.size());
        if (!arn.startsWith("http") && "sqs".equals(Arns.service(arn))) {
            String local = localQueue(arn);
            if (local != null) {
                try {
                    localQueues.send(local, inputs, Map.of()).forEach(failure ->
                            outcomes.add(failure == null ? null : sqsFailure(failure)));
                } catch (SqsJsonClient.SqsException e) {
                    DeliveryException failure = sqsFailure(e);
                    inputs.forEach(input -> outcomes.add(failure));
                }
                return outcomes;
            }
        }
        if (inputs.size() > 1 && !arn.startsWith("http") && "sqs".equals(Arns.service(arn))) {
            String queueUrl = queueUrl(arn);
            for (List<String> chunk : SqsJsonClient.batches(inputs)) {
                try {
                    for (SqsJsonClient.SqsException failure : sqs.sendMessageBatch(queueUrl, chunk)) {
                        outcomes.add(failure == null ? null : sqsFailure(failure));
                    }
                } catch (SqsJsonClient.SqsException e) {
                    DeliveryException failure = sqsFailure(e);
                    chunk.forEach(input -> outcomes.add(failure));
                }
            }
            return outcomes;
        }
        for (String input : inputs) {
            try {
                invoke(target, input);
                outcomes.add(null);
            } catch (DeliveryException e) {
                outcomes.add(e);
            }
        }
        return outcomes;
    }

    /** The queue's name when it is one of this local cloud's standard queues, else null. */
    private String localQueue(String queueArn) {
        String[] parts = queueArn.split(":");
        return parts.length == 6 && parts[4].equals(accountId) && LocalQueues.handles(parts[5]) ? parts[5] : null;
    }

    private String queueUrl(String queueArn) {
        String[] parts = queueArn.split(":");
        return sqsEndpoint + "/" + parts[4] + "/" + parts[5];
    }

    private static DeliveryException sqsFailure(SqsJsonClient.SqsException e) {
        boolean missing = e.errorCode().contains("NonExistentQueue") || e.errorCode().contains("DoesNotExist");
        return new DeliveryException(missing ? "SQS.NonExistentQueue" : "SQS." + e.errorCode(), e.getMessage(), true);
    }

    /** Sends to the queue behind an SQS ARN; the dead-letter path uses it too. */
    public void sendToQueue(String queueArn, String body, Map<String, String> attributes) throws DeliveryException {
        try {
            String local = localQueue(queueArn);
            if (local != null) {
                SqsJsonClient.SqsException failure = localQueues.send(local, List.of(body), attributes).get(0);
                if (failure != null) {
                    throw failure;
                }
                return;
            }
            sqs.sendMessage(queueUrl(queueArn), body, attributes);
        } catch (SqsJsonClient.SqsException e) {
            throw sqsFailure(e);
        }
    }

    private void sendToQueue(String queueArn, String input) throws DeliveryException {
        sendToQueue(queueArn, input, Map.of());
    }

    private void startExecution(String arn, String input) throws DeliveryException {
        try {
            stateMachines.startExecution(arn, input);
        } catch (RuntimeException e) {
            throw new DeliveryException("StepFunctions.StartExecutionFailed", String.valueOf(e.getMessage()), true);
        }
    }

    private void invokeFunction(String arn, String input) throws DeliveryException {
        String name = arn.split(":")[6];
        String base = functionUrls.get(name);
        if (base == null) {
            throw new DeliveryException("Lambda.ResourceNotFoundException", "No URL is configured for function "
                    + name + " (LocalCloudConfig.functionUrls / --function " + name + "=<url>)", true);
        }
        URI uri = URI.create(base.replaceAll("/+$", "") + "/2015-03-31/functions/" + name + "/invocations");
        post(uri, input, Map.of("X-Amz-Invocation-Type", "Event"));
    }

    private void post(URI uri, String input, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(HTTP_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(input));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 != 2) {
                boolean retryable = status >= 500 || status == TOO_MANY_REQUESTS;
                throw new DeliveryException("HTTP." + status, "POST " + uri + " answered " + status + ": "
                        + abbreviate(response.body()), retryable);
            }
        } catch (IOException e) {
            throw new DeliveryException("HTTP.ConnectionFailure", "POST " + uri + " failed: " + e, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("Interrupted", "Delivery interrupted by shutdown", true);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "..." : body;
    }
}
