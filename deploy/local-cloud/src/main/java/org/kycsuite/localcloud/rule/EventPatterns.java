package org.kycsuite.localcloud.rule;

import java.io.IOException;
import org.kycsuite.localcloud.edge.AwsServiceException;
import software.amazon.event.ruler.GenericMachine;
import software.amazon.event.ruler.JsonRuleCompiler;

/** Event patterns, checked and matched by event-ruler, the library behind EventBridge's matching. */
public final class EventPatterns {

    private EventPatterns() {
    }

    /** Rejects a pattern event-ruler cannot compile, with EventBridge's error code. */
    public static void validate(String pattern) {
        String problem = JsonRuleCompiler.check(pattern);
        if (problem != null) {
            throw invalid(problem);
        }
        try {
            new GenericMachine<String>().addRule("check", pattern);
        } catch (IOException | RuntimeException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Whether {@code event} (a JSON document) matches {@code pattern}. */
    public static boolean matches(String pattern, String event) {
        GenericMachine<String> machine = new GenericMachine<>();
        try {
            machine.addRule("pattern", pattern);
            return !machine.rulesForJSONEvent(event).isEmpty();
        } catch (IOException e) {
            throw invalid(e.getMessage());
        } catch (Exception e) {
            throw AwsServiceException.validation("Event is not valid JSON: " + e.getMessage());
        }
    }

    static AwsServiceException invalid(String problem) {
        return new AwsServiceException(400, "InvalidEventPatternException", "Event pattern is not valid. Reason: "
                + problem);
    }
}
