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
 */
public record Delivery(long id, String ruleArn, String target, String event, int attempts, long ingestedAtMillis) {
}
