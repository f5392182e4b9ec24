package org.kycsuite.localcloud.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.LocalCloudConfig;

class LocalCloudArgumentsTest {

    @Test
    void flagsOverrideEnvironmentWhichOverridesDefaults() {
        LocalCloudConfig config = LocalCloudArguments.parse(new String[] {
            "--edge-port", "5566", "--data-dir", "/tmp/cloud", "--no-template",
            "--function", "identity-check=http://localhost:8082", "--parameter", "EventBusName=other-bus"},
                Map.of("LOCAL_CLOUD_SQS_PORT", "9400", "LOCAL_CLOUD_EDGE_PORT", "1111",
                        "LOCAL_CLOUD_FUNCTIONS", "risk-assessment=http://localhost:8082"));

        assertThat(config.edgePort()).isEqualTo(5566);
        assertThat(config.sqsPort()).isEqualTo(9400);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/cloud"));
        assertThat(config.template()).isNull();
        assertThat(config.functionUrls()).containsEntry("identity-check", "http://localhost:8082")
                .containsEntry("risk-assessment", "http://localhost:8082");
        assertThat(config.parameters()).containsEntry("EventBusName", "other-bus");
        assertThat(config.host()).isEqualTo("127.0.0.1");
    }

    @Test
    void rejectsUnknownFlagsBadPortsAndMissingTemplates() {
        assertThatThrownBy(() -> LocalCloudArguments.parse(new String[] {"--bogus", "1"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown option --bogus");
        assertThatThrownBy(() -> LocalCloudArguments.parse(new String[] {"--edge-port", "99999"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LocalCloudArguments.parse(new String[] {"--template", "/no/such.yaml"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    }
}
