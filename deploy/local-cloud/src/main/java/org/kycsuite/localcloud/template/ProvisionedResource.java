package org.kycsuite.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * One template resource, ready to provision: its properties with every intrinsic resolved.
 *
 * @param logicalId the key under {@code Resources}
 * @param type e.g. {@code AWS::Serverless::StateMachine}
 * @param properties the resolved {@code Properties} (an empty object when absent)
 * @param attributes what {@code Ref}/{@code Fn::GetAtt} give for it ({@code Ref}, {@code Arn}, {@code Name}, ...)
 * @param templateDirectory the template's directory, which relative paths such as {@code DefinitionUri}
 *                          are relative to
 */
public record ProvisionedResource(String logicalId, String type, JsonNode properties, Map<String, String> attributes,
                                  Path templateDirectory) {

    /** The physical name (queue name, bus name, state machine name, ...). */
    public String name() {
        return attributes.get("Name");
    }

    public String arn() {
        return attributes.get("Arn");
    }
}
