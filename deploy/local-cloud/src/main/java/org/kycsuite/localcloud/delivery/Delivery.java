package org.kycsuite.localcloud.delivery;

/**
 * One event owed to one target of one rule, as stored until it is delivered or dead-lettered.
 *
 * @param id the row id
 * @param ruleArn the matching rule
 * @param target the target in the PutTargets shape, as it was when the event matched
 * @param event the event as delivered (a JSON document)
 * @param attempts failed attempts so far
 * @param ingestedAtMillis when the bus accepted the event
 * @param nextAtMillis when the next attempt is due
 */
public record Delivery(long id, String ruleArn, String target, String event, int attempts, long ingestedAtMillis,
                       long nextAtMillis) {

    /** This delivery after a failed attempt, due again at {@code nextAt}. */
    Delivery retried(int failedAttempts, long nextAt) {
        return new Delivery(id, ruleArn, target, event, failedAttempts, ingestedAtMillis, nextAt);
    }
}
