package org.kycsuite.localcloud.sfn.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.kycsuite.localcloud.sfn.asl.StatesError;

/**
 * Invokes a function over Lambda's own Invoke path ({@code POST /2015-03-31/functions/{name}/invocations})
 * on its configured URL, turning failures into the errors Step Functions raises on AWS.
 */
public final class LambdaInvoker {

    private static final int DEFAULT_TIMEOUT_SECONDS = 300;
    private static final int TOO_MANY_REQUESTS = 429;

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final FunctionUrls functions;

    public LambdaInvoker(HttpClient http, ObjectMapper mapper, FunctionUrls functions) {
        this.http = http;
        this.mapper = mapper;
        this.functions = functions;
    }

    /** {@code arn:aws:states:::lambda:invoke}: the result AWS returns, with Payload and StatusCode. */
    public JsonNode invoke(JsonNode parameters, Integer timeoutSeconds) throws StatesError, InterruptedException {
        String function = parameters.path("FunctionName").asText(null);
        if (function == null) {
            throw new StatesError("Lambda.InvalidParameterValueException", "FunctionName is required");
        }
        JsonNode payload = parameters.has("Payload") ? parameters.get("Payload") : mapper.createObjectNode();
        JsonNode body = call(function, payload, timeoutSeconds);
        ObjectNode result = mapper.createObjectNode();
        result.put("ExecutedVersion", "$LATEST");
        result.set("Payload", body);
        ObjectNode metadata = result.putObject("SdkHttpMetadata");
        metadata.put("HttpStatusCode", 200);
        result.put("StatusCode", 200);
        return result;
    }

    /** Invokes {@code function} with {@code payload}; the function's response body. */
    public JsonNode call(String function, JsonNode payload, Integer timeoutSeconds)
            throws StatesError, InterruptedException {
        Map.Entry<String, String> target = functions.resolve(function).orElseThrow(() -> new StatesError(
                "Lambda.ResourceNotFoundException", "Function not found: " + function + " (no URL is configured; "
                + "start the local cloud with --function " + FunctionUrls.functionName(function) + "=<url>)"));
        URI uri = URI.create(target.getValue().replaceAll("/+$", "") + "/2015-03-31/functions/" + target.getKey()
                + "/invocations");
        int timeout = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeout))
                .header("Content-Type", "application/json").header("X-Amz-Invocation-Type", "RequestResponse")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new StatesError(StatesError.TIMEOUT, "Function " + target.getKey() + " did not answer within "
                    + timeout + " seconds");
        } catch (ConnectException e) {
            throw new StatesError("Lambda.SdkClientException", "Unable to execute HTTP request: Connect to " + uri
                    + " failed: Connection refused");
        } catch (IOException e) {
            throw new StatesError("Lambda.SdkClientException", "Unable to execute HTTP request to " + uri + ": " + e);
        }
        return answer(target.getKey(), response);
    }

    private JsonNode answer(String function, HttpResponse<String> response) throws StatesError {
        int status = response.statusCode();
        String text = response.body() == null ? "" : response.body();
        JsonNode body = parse(text);
        boolean functionError = response.headers().firstValue("X-Amz-Function-Error").isPresent();
        if (functionError || (status >= 400 && body != null && body.has("errorType"))) {
            String type = body != null && body.hasNonNull("errorType") ? body.get("errorType").asText()
                    : "Lambda.Unknown";
            throw new StatesError(type, text);
        }
        if (status == TOO_MANY_REQUESTS) {
            throw new StatesError("Lambda.TooManyRequestsException", "Rate exceeded (HTTP 429): " + text);
        }
        if (status >= 500) {
            throw new StatesError("Lambda.ServiceException", "Function " + function + " failed with HTTP " + status
                    + ": " + abbreviate(text));
        }
        if (status == 404) {
            throw new StatesError("Lambda.ResourceNotFoundException", "Function not found: " + function + ": "
                    + abbreviate(text));
        }
        if (status >= 400) {
            throw new StatesError("Lambda.InvalidRequestContentException", "HTTP " + status + ": " + abbreviate(text));
        }
        if (body == null) {
            return text.isBlank() ? mapper.nullNode() : mapper.getNodeFactory().textNode(text);
        }
        return body;
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 1000 ? text.substring(0, 1000) + "..." : text;
    }
}
