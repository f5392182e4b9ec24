package org.kycsuite.localcloud;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenEdgePortFailsTheStartWithAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.ephemeral(dataDir)
                    .withPorts(taken.getLocalPort(), 0)))
                    .isInstanceOf(LocalCloud.PortInUseException.class)
                    .hasMessageContaining("Edge port " + taken.getLocalPort());
        }
    }

    @Test
    void aTakenSqsPortFailsTheStartWithAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.ephemeral(dataDir)
                    .withPorts(0, taken.getLocalPort())))
                    .isInstanceOf(LocalCloud.PortInUseException.class)
                    .hasMessageContaining("SQS port " + taken.getLocalPort());
        }
    }
}
