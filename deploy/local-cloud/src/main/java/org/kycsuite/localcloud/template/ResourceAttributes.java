package org.kycsuite.localcloud.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.kycsuite.localcloud.Arns;

/**
 * What {@code Ref} and {@code Fn::GetAtt} return per resource type, as CloudFormation documents it,
 * with the physical name taken from the name property or, when absent, the logical id (CloudFormation
 * would generate one; locally the logical id keeps names readable and stable across restarts).
 */
final class ResourceAttributes {

    private ResourceAttributes() {
    }

    static Map<String, String> of(Template template, String logicalId, String type, JsonNode properties) {
        Arns arns = template.arns();
        Map<String, String> attributes = new HashMap<>();
        switch (type) {
            case "AWS::Events::EventBus" -> {
                String name = name(template, properties, "Name", logicalId);
                named(attributes, name, name, arns.eventBus(name));
            }
            case "AWS::SQS::Queue" -> {
                String name = name(template, properties, "QueueName", logicalId);
                String url = template.queueUrl(name);
                named(attributes, url, name, arns.queue(name));
                attributes.put("QueueName", name);
                attributes.put("QueueUrl", url);
            }
            case "AWS::Events::Rule" -> {
                String name = name(template, properties, "Name", logicalId);
                String bus = properties.has("EventBusName")
                        ? Arns.busName(template.resolve(properties.get("EventBusName")).asText()) : Arns.DEFAULT_BUS;
                String ref = Arns.DEFAULT_BUS.equals(bus) ? name : bus + "|" + name;
                named(attributes, ref, name, arns.rule(bus, name));
            }
            case "AWS::Events::Archive" -> {
                String name = name(template, properties, "ArchiveName", logicalId);
                named(attributes, name, name, arns.archive(name));
            }
            case "AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine" -> {
                String name = name(template, properties, "StateMachineName",
                        name(template, properties, "Name", logicalId));
                String arn = arns.stateMachine(name);
                named(attributes, arn, name, arn);
                attributes.put("StateMachineName", name);
            }
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> {
                String name = name(template, properties, "FunctionName", logicalId);
                named(attributes, name, name, arns.function(name));
            }
            // Not emulated (IAM is not enforced locally, logs go to the console), but other resources
            // refer to their ARNs, e.g. a rule target's RoleArn or a state machine's log destination.
            case "AWS::IAM::Role" -> {
                String name = name(template, properties, "RoleName", logicalId);
                named(attributes, name, name, "arn:" + arns.partition() + ":iam::" + arns.accountId() + ":role/"
                        + name);
                attributes.put("RoleId", "AROA" + logicalId.toUpperCase(Locale.ROOT));
            }
            case "AWS::Logs::LogGroup" -> {
                String name = name(template, properties, "LogGroupName", logicalId);
                named(attributes, name, name, "arn:" + arns.partition() + ":logs:" + arns.region() + ":"
                        + arns.accountId() + ":log-group:" + name + ":*");
            }
            default -> attributes.put("Ref", logicalId);
        }
        return attributes;
    }

    private static void named(Map<String, String> attributes, String ref, String name, String arn) {
        attributes.put("Ref", ref);
        attributes.put("Name", name);
        attributes.put("Arn", arn);
    }

    private static String name(Template template, JsonNode properties, String property, String fallback) {
        JsonNode value = properties.get(property);
        return value == null || value.isNull() ? fallback : template.resolve(value).asText();
    }
}
