package org.kycsuite.localcloud.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ThreadLocalRandom;

/** Retry and Catch matching and backoff, as the ASL specification defines them. */
final class Retriers {

    private Retriers() {
    }

    /** Whether {@code error} matches an ErrorEquals list; States.Runtime is never retried nor caught. */
    static boolean matches(JsonNode errorEquals, String error) {
        if (StatesError.RUNTIME.equals(error)) {
            return false;
        }
        for (JsonNode name : errorEquals) {
            String candidate = name.asText();
            if (candidate.equals(error) || StatesError.ALL.equals(candidate)
                    || (StatesError.TASK_FAILED.equals(candidate) && !StatesError.TIMEOUT.equals(error))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first retrier or catcher matching {@code error}, or -1. */
    static int find(JsonNode list, String error) {
        if (list == null) {
            return -1;
        }
        for (int i = 0; i < list.size(); i++) {
            if (matches(list.get(i).path("ErrorEquals"), error)) {
                return i;
            }
        }
        return -1;
    }

    /** The delay before retry number {@code attempt} (0-based) of {@code retrier}, in milliseconds. */
    static long delayMillis(JsonNode retrier, int attempt) {
        double interval = retrier.path("IntervalSeconds").asDouble(1);
        double backoff = retrier.path("BackoffRate").asDouble(2.0);
        double seconds = interval * Math.pow(backoff, attempt);
        if (retrier.has("MaxDelaySeconds")) {
            seconds = Math.min(seconds, retrier.get("MaxDelaySeconds").asDouble());
        }
        if ("FULL".equals(retrier.path("JitterStrategy").asText())) {
            seconds = ThreadLocalRandom.current().nextDouble() * seconds;
        }
        return (long) (seconds * 1000);
    }

    static int maxAttempts(JsonNode retrier) {
        return retrier.path("MaxAttempts").asInt(3);
    }
}
