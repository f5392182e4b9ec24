package org.kycsuite.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void namesEachTakenPortWithItsOwner() throws Exception {
        try (ServerSocket occupied = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int taken = occupied.getLocalPort();

            assertThat(PortCheck.taken(Map.of("accounts-service", taken)))
                    .containsExactly("port " + taken + " (accounts-service) is already in use");
        }
    }

    @Test
    void reportsNothingWhenEveryPortIsFree() throws Exception {
        int free;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }

        assertThat(PortCheck.taken(Map.of("kyc-service", free))).isEmpty();
    }
}
