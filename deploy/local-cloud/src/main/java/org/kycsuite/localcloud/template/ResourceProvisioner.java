package org.kycsuite.localcloud.template;

/**
 * Creates or updates one resource type in the local cloud. Provisioning runs at every start, so an
 * implementation must be idempotent: the resource may already exist from an earlier run.
 */
@FunctionalInterface
public interface ResourceProvisioner {

    /**
     * @return a short description of what was done, logged as one line (e.g. {@code "queue created"})
     */
    String provision(ProvisionedResource resource);
}
