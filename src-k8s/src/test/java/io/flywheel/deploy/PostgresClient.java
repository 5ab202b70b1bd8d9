package io.flywheel.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real PostgreSQL client programs (pg_dump, pg_restore, psql) the backup scripts use. The embedded server of the
 * test kit ships none of them, so they come from the machine: Debian's postgresql-client, installed here with apt-get
 * when it is missing and the test runs as root (as CI does on a fresh machine).
 */
final class PostgresClient {

    private static final Duration INSTALL_DEADLINE = Duration.ofMinutes(8);
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PostgresClient() {
    }

    /** The major version of the pg_dump on the PATH, installing the client first if needed. */
    static synchronized int ensureInstalled() {
        if (onPath("pg_dump").isEmpty() || onPath("psql").isEmpty() || onPath("pg_restore").isEmpty()) {
            install();
        }
        Command version = Command.run(Duration.ofSeconds(30), List.of("pg_dump", "--version")).assertSucceeded();
        Matcher matcher = VERSION.matcher(version.output());
        if (!matcher.find()) {
            throw new IllegalStateException("cannot read pg_dump's version from: " + version.output());
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void install() {
        if (onPath("apt-get").isEmpty() || !"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("pg_dump, pg_restore and psql are needed for the backup drill: install the"
                    + " PostgreSQL client (Debian/Ubuntu: apt-get install postgresql-client)");
        }
        System.out.println("Installing Debian's postgresql-client for the backup drill ...");
        Command.run(INSTALL_DEADLINE, List.of("apt-get", "update", "-qq")).assertSucceeded();
        Command.run(INSTALL_DEADLINE, java.util.Map.of("DEBIAN_FRONTEND", "noninteractive"),
                List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql-client"))
                .assertSucceeded();
    }

    static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }
}
