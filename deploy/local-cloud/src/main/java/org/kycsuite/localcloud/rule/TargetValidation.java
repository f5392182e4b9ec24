package org.kycsuite.localcloud.rule;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/** The PutTargets checks EventBridge makes per target entry. */
final class TargetValidation {

    private static final Pattern ID = Pattern.compile("[\\.\\-_A-Za-z0-9]{1,64}");
    private static final int MIN_EVENT_AGE = 60;
    private static final int MAX_EVENT_AGE = 86_400;
    private static final int MAX_RETRIES = 185;

    private TargetValidation() {
    }

    /** What is wrong with {@code target}, or {@code null} when it is valid. */
    static String problem(JsonNode target) {
        if (!ID.matcher(target.path("Id").asText()).matches()) {
            return "Target Id must be 1 to 64 characters of letters, digits, '.', '-' or '_'.";
        }
        if (target.path("Arn").asText().isEmpty()) {
            return "Target Arn must not be empty.";
        }
        int inputs = (target.hasNonNull("Input") ? 1 : 0) + (target.hasNonNull("InputPath") ? 1 : 0)
                + (target.hasNonNull("InputTransformer") ? 1 : 0);
        if (inputs > 1) {
            return "Only one of Input, InputPath, or InputTransformer can be specified.";
        }
        if (target.hasNonNull("InputTransformer") && !target.path("InputTransformer").hasNonNull("InputTemplate")) {
            return "InputTransformer requires an InputTemplate.";
        }
        JsonNode retry = target.path("RetryPolicy");
        if (retry.has("MaximumRetryAttempts")) {
            int attempts = retry.get("MaximumRetryAttempts").asInt(-1);
            if (attempts < 0 || attempts > MAX_RETRIES) {
                return "MaximumRetryAttempts must be between 0 and " + MAX_RETRIES + ".";
            }
        }
        if (retry.has("MaximumEventAgeInSeconds")) {
            int age = retry.get("MaximumEventAgeInSeconds").asInt(-1);
            if (age < MIN_EVENT_AGE || age > MAX_EVENT_AGE) {
                return "MaximumEventAgeInSeconds must be between " + MIN_EVENT_AGE + " and " + MAX_EVENT_AGE + ".";
            }
        }
        String dlq = target.path("DeadLetterConfig").path("Arn").asText("");
        if (!dlq.isEmpty() && !dlq.startsWith("arn:aws:sqs:")) {
            return "DeadLetterConfig Arn must be an SQS queue ARN.";
        }
        return null;
    }
}
