package org.kycsuite.localrun;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds ports that are already taken before anything starts, so the launcher can say which and stop. */
public final class PortCheck {

    private PortCheck() {
    }

    /** The entries of {@code ports} (owner → port) whose port cannot be bound on 127.0.0.1. */
    public static List<String> taken(Map<String, Integer> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((owner, port) -> {
            if (!isFree(port)) {
                taken.add("port " + port + " (" + owner + ") is already in use");
            }
        });
        return taken;
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
