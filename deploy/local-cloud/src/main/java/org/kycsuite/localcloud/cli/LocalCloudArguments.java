package org.kycsuite.localcloud.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kycsuite.localcloud.LocalCloudConfig;
import org.slf4j.LoggerFactory;

/**
 * The command line of {@code java -jar local-cloud.jar}: flags first, then environment variables,
 * then the defaults of a local run.
 */
public final class LocalCloudArguments {

    static final String USAGE = """
            Usage: java -jar local-cloud.jar [options]
              --edge-port <port>       EventBridge (AWS JSON 1.1) and /health   [LOCAL_CLOUD_EDGE_PORT, 4566]
              --sqs-port <port>        SQS (ElasticMQ)                          [LOCAL_CLOUD_SQS_PORT, 9324]
              --host <address>         interface to bind                        [LOCAL_CLOUD_HOST, 127.0.0.1]
              --data-dir <dir>         durable state (H2 files)                 [LOCAL_CLOUD_DATA_DIR, .local-cloud]
              --template <file>        SAM template to provision                [LOCAL_CLOUD_TEMPLATE,
                                       deploy/aws/template.yaml when it exists]
              --no-template            start without provisioning
              --parameter <Name=Value> template parameter override, repeatable  [LOCAL_CLOUD_PARAMETERS, a=b,c=d]
                                       (--param for short)
              --function <name=url>    Lambda function -> base URL serving the Invoke path, repeatable
                                                                                [LOCAL_CLOUD_FUNCTIONS, a=url,b=url]
              --region <region>        region in ARNs and events                [LOCAL_CLOUD_REGION, us-east-1]
              --account <id>           account in ARNs and events               [LOCAL_CLOUD_ACCOUNT, 000000000000]
            """;

    private static final Path DEFAULT_TEMPLATE = Path.of("deploy", "aws", "template.yaml");

    private LocalCloudArguments() {
    }

    /**
     * Parses the arguments; logs the usage and returns {@code null} for {@code --help}.
     *
     * @throws IllegalArgumentException for an unknown flag or a malformed value
     */
    public static LocalCloudConfig parse(String[] args, Map<String, String> env) {
        LocalCloudConfig defaults = LocalCloudConfig.defaults();
        String host = env.getOrDefault("LOCAL_CLOUD_HOST", defaults.host());
        int edgePort = port(env.getOrDefault("LOCAL_CLOUD_EDGE_PORT", Integer.toString(defaults.edgePort())));
        int sqsPort = port(env.getOrDefault("LOCAL_CLOUD_SQS_PORT", Integer.toString(defaults.sqsPort())));
        Path dataDir = Path.of(env.getOrDefault("LOCAL_CLOUD_DATA_DIR", defaults.dataDir().toString()));
        String template = env.get("LOCAL_CLOUD_TEMPLATE");
        boolean noTemplate = false;
        Map<String, String> parameters = pairs(env.getOrDefault("LOCAL_CLOUD_PARAMETERS", ""));
        Map<String, String> functions = pairs(env.getOrDefault("LOCAL_CLOUD_FUNCTIONS", ""));
        String region = env.getOrDefault("LOCAL_CLOUD_REGION", defaults.region());
        String account = env.getOrDefault("LOCAL_CLOUD_ACCOUNT", defaults.accountId());
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if ("--help".equals(flag) || "-h".equals(flag)) {
                LoggerFactory.getLogger(LocalCloudArguments.class).info("\n{}", USAGE);
                return null;
            }
            if ("--no-template".equals(flag)) {
                noTemplate = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Missing value for " + flag);
            }
            String value = args[++i];
            switch (flag) {
                case "--edge-port" -> edgePort = port(value);
                case "--sqs-port" -> sqsPort = port(value);
                case "--host" -> host = value;
                case "--data-dir" -> dataDir = Path.of(value);
                case "--template" -> template = value;
                case "--param", "--parameter" -> parameters.putAll(pairs(value));
                case "--function" -> functions.putAll(pairs(value));
                case "--region" -> region = value;
                case "--account" -> account = value;
                default -> throw new IllegalArgumentException("Unknown option " + flag + "\n" + USAGE);
            }
        }
        Path templatePath = null;
        if (!noTemplate) {
            templatePath = template != null ? Path.of(template)
                    : Files.isRegularFile(DEFAULT_TEMPLATE) ? DEFAULT_TEMPLATE : null;
        }
        if (templatePath != null && !Files.isRegularFile(templatePath)) {
            throw new IllegalArgumentException("Template " + templatePath + " does not exist");
        }
        return new LocalCloudConfig(host, edgePort, sqsPort, dataDir, templatePath, Map.copyOf(parameters),
                Map.copyOf(functions), account, region);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port out of range: " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a port number: " + value, e);
        }
    }

    /** {@code a=b,c=d} into a map; values may contain '=' (URLs with queries). */
    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("Expected name=value, got " + pair);
            }
            pairs.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return pairs;
    }
}
