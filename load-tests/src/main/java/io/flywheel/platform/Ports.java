package io.flywheel.platform;

import java.io.IOException;
import java.net.ServerSocket;

/** Refuses to start on a port something else holds, with a message that says how to choose another. */
final class Ports {

    private Ports() {
    }

    static void requireFree(int port, String setting) {
        try (ServerSocket probe = new ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " is taken (is Flywheel already running?); set "
                    + setting + " to use another one");
        }
    }
}
