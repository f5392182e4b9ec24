package org.kycsuite.localcloud.template;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link ResourceProvisioner} handles which resource type. The bus registers its own types;
 * the Step Functions engine registers {@code AWS::Serverless::StateMachine} and
 * {@code AWS::StepFunctions::StateMachine}. Types with no provisioner are skipped with a log line.
 */
public final class ResourceProvisioners {

    private final Map<String, ResourceProvisioner> byType = new ConcurrentHashMap<>();

    public ResourceProvisioners register(String type, ResourceProvisioner provisioner) {
        byType.put(type, provisioner);
        return this;
    }

    public Optional<ResourceProvisioner> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }
}
