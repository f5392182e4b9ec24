package org.kycsuite.localcloud.rule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A rule that matched an event, with its targets as they were at that moment.
 *
 * @param name the rule name
 * @param arn the rule ARN
 * @param targets the targets in the PutTargets shape
 */
public record MatchedRule(String name, String arn, List<ObjectNode> targets) {
}
