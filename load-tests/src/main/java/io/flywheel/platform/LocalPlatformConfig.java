package io.flywheel.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local platform lives and which ports it takes. Read from the environment so that {@code ./flywheel up}
 * needs no arguments: FLYWHEEL_ROOT, FLYWHEEL_HOME, FLYWHEEL_INFERENCE_PORT, FLYWHEEL_MLOPS_PORT, FLYWHEEL_DB_PORT.
 */
record LocalPlatformConfig(Path root, Path home, int inferencePort, int mlopsPort, int databasePort) {

    static final int DEFAULT_INFERENCE_PORT = 8080;
    static final int DEFAULT_MLOPS_PORT = 8081;
    static final int DEFAULT_DATABASE_PORT = 55432;

    static LocalPlatformConfig fromEnvironment() {
        return from(System.getenv());
    }

    static LocalPlatformConfig from(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("FLYWHEEL_ROOT", ".")).toAbsolutePath().normalize();
        Path home = Path.of(env.getOrDefault("FLYWHEEL_HOME", root.resolve(".flywheel").toString())).toAbsolutePath();
        return new LocalPlatformConfig(root, home,
                port(env, "FLYWHEEL_INFERENCE_PORT", DEFAULT_INFERENCE_PORT),
                port(env, "FLYWHEEL_MLOPS_PORT", DEFAULT_MLOPS_PORT),
                port(env, "FLYWHEEL_DB_PORT", DEFAULT_DATABASE_PORT));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a TCP port (1-65535), was '" + value + "'");
        }
    }
}
