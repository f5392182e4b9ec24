package org.kycsuite.localcloud.sfn.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored execution.
 *
 * @param doc input, output, error, cause, the definition it runs, and the cursor (next state and its input)
 */
public record ExecutionRecord(String arn, String stateMachineArn, String name, String status, long startMillis,
                              Long stopMillis, ObjectNode doc) {
}
