package org.kycsuite.localcloud.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kycsuite.localcloud.Clients;
import org.kycsuite.localcloud.LocalCloud;
import org.kycsuite.localcloud.LocalCloudConfig;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** A loopback-bound local cloud refuses requests addressed to another host name (DNS rebinding). */
class LoopbackHostTest {

    private static LocalCloud cloud;

    @BeforeAll
    static void start() throws IOException {
        cloud = LocalCloud.start(LocalCloudConfig.ephemeral(Files.createTempDirectory("loopback-host")));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static String request(String host) throws IOException {
        String body = "{}";
        try (Socket socket = new Socket("127.0.0.1", cloud.edgeEndpoint().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: AWSEvents.ListEventBuses\r\n"
                    + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedBeforeAnyServiceSeesIt() throws IOException {
        String answer = request("attacker.example:" + cloud.edgeEndpoint().getPort());
        assertThat(answer).startsWith("HTTP/1.1 403").contains("AccessDeniedException").contains("attacker.example")
                .doesNotContain("EventBuses");
    }

    @Test
    void loopbackNamesAndAddressesAreServed() throws IOException {
        for (String host : new String[] {"localhost", "127.0.0.1:4566", "[::1]:4566", "LOCALHOST.", "kyc.localhost"}) {
            assertThat(request(host)).as(host).startsWith("HTTP/1.1 200").contains("EventBuses");
        }
        try (EventBridgeClient events = Clients.eventBridge(cloud)) {
            assertThat(events.listEventBuses(b -> { }).eventBuses()).isNotEmpty();
        }
    }

    @Test
    void lookAlikeNumericHostsAreNotLoopback() {
        assertThat(LoopbackHostFilter.isLoopbackName("127.0.0.1.attacker.example"))
                .isFalse();
        assertThat(LoopbackHostFilter.isLoopbackName("128.0.0.1")).isFalse();
        assertThat(LoopbackHostFilter.isLoopbackName("127.0.0.256")).isFalse();
        assertThat(LoopbackHostFilter.isLoopbackName("localhost.attacker.example"))
                .isFalse();
    }
}
