package org.kycsuite.localcloud.sfn.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kycsuite.localcloud.sfn.asl.StatesError;
import org.kycsuite.localcloud.sqs.SqsJsonClient;

/** {@code arn:aws:states:::sqs:sendMessage}: QueueUrl, MessageBody (JSON text when an object), string attributes. */
public final class SqsIntegration {

    private final ObjectMapper mapper;
    private final SqsJsonClient sqs;

    public SqsIntegration(ObjectMapper mapper, SqsJsonClient sqs) {
        this.mapper = mapper;
        this.sqs = sqs;
    }

    public JsonNode sendMessage(JsonNode parameters) throws StatesError {
        String queueUrl = parameters.path("QueueUrl").asText(null);
        JsonNode body = parameters.get("MessageBody");
        if (queueUrl == null || body == null) {
            throw new StatesError("SQS.InvalidParameterValueException", "QueueUrl and MessageBody are required");
        }
        String text = body.isTextual() ? body.asText() : body.toString();
        Map<String, String> attributes = new LinkedHashMap<>();
        parameters.path("MessageAttributes").fields().forEachRemaining(field ->
                attributes.put(field.getKey(), field.getValue().path("StringValue").asText()));
        try {
            String id = sqs.sendMessage(queueUrl, text, attributes);
            return mapper.createObjectNode().put("MessageId", id).put("MD5OfMessageBody", md5(text));
        } catch (SqsJsonClient.SqsException e) {
            throw new StatesError("SQS." + e.errorCode().replaceAll(".*[.#]", ""), e.getMessage());
        }
    }

    private static String md5(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
