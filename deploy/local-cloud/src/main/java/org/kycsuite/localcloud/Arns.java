package org.kycsuite.localcloud;

/**
 * ARNs as AWS spells them, for one account and region.
 *
 * @param partition always {@code aws} locally
 * @param region the region in every ARN
 * @param accountId the account in every ARN
 */
public record Arns(String partition, String region, String accountId) {

    public static final String DEFAULT_BUS = "default";

    public Arns(String region, String accountId) {
        this("aws", region, accountId);
    }

    public String eventBus(String name) {
        return prefix("events") + "event-bus/" + name;
    }

    /** Rules on the default bus have no bus segment, as on AWS. */
    public String rule(String busName, String ruleName) {
        return prefix("events") + "rule/" + (DEFAULT_BUS.equals(busName) ? "" : busName + "/") + ruleName;
    }

    public String archive(String name) {
        return prefix("events") + "archive/" + name;
    }

    public String replay(String name) {
        return prefix("events") + "replay/" + name;
    }

    public String queue(String name) {
        return prefix("sqs") + name;
    }

    public String stateMachine(String name) {
        return prefix("states") + "stateMachine:" + name;
    }

    public String function(String name) {
        return prefix("lambda") + "function:" + name;
    }

    /** The last segment of an ARN's resource part ({@code .../name} or {@code ...:name}). */
    public static String resourceName(String arn) {
        int cut = Math.max(arn.lastIndexOf('/'), arn.lastIndexOf(':'));
        return arn.substring(cut + 1);
    }

    /** The bus name from a bus name or bus ARN, as the EventBridge API accepts either. */
    public static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return DEFAULT_BUS;
        }
        return nameOrArn.startsWith("arn:") ? nameOrArn.substring(nameOrArn.indexOf("event-bus/") + 10) : nameOrArn;
    }

    /** The service part of an ARN ({@code sqs}, {@code states}, {@code lambda}, ...), or "" for a non-ARN. */
    public static String service(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length >= 6 && "arn".equals(parts[0]) ? parts[2] : "";
    }

    private String prefix(String service) {
        return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":";
    }
}
