package io.flywheel.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An external program run to completion with a deadline; its output (stdout and stderr together) is kept. */
record Command(int exitCode, String output) {

    private static final Duration POLL = Duration.ofMillis(250);

    static Command run(Duration deadline, Map<String, String> environment, List<String> command) {
        return run(deadline, environment, command, null);
    }

    /**
     * Like {@link #run(Duration, Map, List)}, but ends the program early (exit code -1) as soon as its output contains
     * {@code stopMarker}: for a program that would otherwise keep running, such as a server started by mistake.
     */
    static Command run(Duration deadline, Map<String, String> environment, List<String> command, String stopMarker) {
        try {
            Path log = Files.createTempFile("flywheel-command", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                long until = System.nanoTime() + deadline.toNanos();
                while (stopMarker != null && process.isAlive() && System.nanoTime() < until) {
                    if (Files.readString(log, StandardCharsets.UTF_8).contains(stopMarker)) {
                        process.destroyForcibly().waitFor();
                        return new Command(-1, Files.readString(log, StandardCharsets.UTF_8));
                    }
                    process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
                if (!process.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline + ":\n"
                            + Files.readString(log, StandardCharsets.UTF_8));
                }
                return new Command(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Command run(Duration deadline, List<String> command) {
        return run(deadline, Map.of(), command);
    }

    Command assertSucceeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + ":\n" + output);
        }
        return this;
    }
}
