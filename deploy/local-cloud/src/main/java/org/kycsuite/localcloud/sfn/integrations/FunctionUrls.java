package org.kycsuite.localcloud.sfn.integrations;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda function name → local base URL. Configured names ({@code --function identity-check=url}) are
 * matched exactly; provisioning a template function adds its physical name (e.g.
 * {@code identity-check-dev}) and logical id as aliases of the configured name it stands for.
 */
public final class FunctionUrls {

    private final Map<String, String> configured;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    public FunctionUrls(Map<String, String> configured) {
        this.configured = Map.copyOf(configured);
    }

    /** The configured name and URL for a function name, ARN (with or without qualifier) or alias. */
    public Optional<Map.Entry<String, String>> resolve(String nameOrArn) {
        String name = functionName(nameOrArn);
        String key = configured.containsKey(name) ? name : aliases.get(name);
        return key == null ? Optional.empty() : Optional.of(Map.entry(key, configured.get(key)));
    }

    /**
     * Registers a template function: its physical name maps to the configured name that equals it,
     * that it starts with ({@code identity-check} for {@code identity-check-dev}), or that matches its
     * logical id ({@code IdentityCheckFunction}).
     */
    public Optional<String> registerTemplateFunction(String logicalId, String physicalName) {
        String kebab = logicalId.replaceAll("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
        for (String key : configured.keySet()) {
            if (key.equals(physicalName) || physicalName.startsWith(key + "-") || key.equals(logicalId)
                    || key.equals(kebab)) {
                aliases.put(physicalName, key);
                aliases.put(logicalId, key);
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** {@code arn:aws:lambda:r:a:function:name[:qualifier]}, {@code a:function:name} or a plain name → name. */
    public static String functionName(String nameOrArn) {
        String[] parts = nameOrArn.split(":");
        for (int i = 0; i < parts.length - 1; i++) {
            if ("function".equals(parts[i])) {
                return parts[i + 1];
            }
        }
        return nameOrArn;
    }
}
