package io.flywheel.loadtest;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JVM stand-in for k6 that CI uses: reads the same scenarios.json, drives one profile against a Flywheel on this
 * machine, prints a k6-like summary and exits 99 (as k6 does) when a threshold is crossed.
 *
 * <pre>
 * java -cp "load-tests/target/flywheel-load-tests.jar:load-tests/target/lib/*" io.flywheel.loadtest.LoopbackRunner \
 *      --profile smoke [--base-url http://127.0.0.1:8080] [--scenarios infer,chat] [--var model=lending-club] \
 *      [--file load-tests/k6/scenarios.json] [--api-key KEY]
 * </pre>
 * It only ever targets the loopback interface (a port-forwarded service is on localhost too); use k6 for anything else.
 */
public final class LoopbackRunner {

    static final int THRESHOLDS_CROSSED = 99;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final int CLIENT_THREADS = 2;

    private LoopbackRunner() {
    }

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            RunReport report = run(options);
            System.out.print(report.summary());
            System.exit(report.passed() ? 0 : THRESHOLDS_CROSSED);
        } catch (IllegalArgumentException e) {
            System.err.println("loopback runner: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Runs one profile and judges it; the caller decides what a crossed threshold means. */
    public static RunReport run(Options options) {
        requireLoopback(options.baseUri());
        ScenarioFile file = ScenarioFile.read(options.file());
        ScenarioFile.Profile profile = file.profile(options.profile());
        List<Threshold> thresholds = Threshold.parseAll(file.thresholdsOf(profile));
        Map<String, String> variables = new HashMap<>(file.variables());
        variables.putAll(options.variables());
        ExecutorService callbacks = Executors.newFixedThreadPool(CLIENT_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "load-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(REQUEST_TIMEOUT).executor(callbacks).build();
            RequestSender sender = new RequestSender(http, options.baseUri(), file.requests(), variables,
                    REQUEST_TIMEOUT, options.apiKey());
            Map<String, Measurements.Snapshot> measured = new LoadRunner(sender, GRACEFUL_STOP)
                    .run(profile, options.scenarios());
            return RunReport.judge(options.profile(), measured, thresholds);
        } finally {
            callbacks.shutdownNow();
        }
    }

    /** When a scenario of a profile starts after the run began (its {@code startTime}; zero when it has none). */
    public static Duration startTimeOf(Path file, String profile, String scenario) {
        ScenarioFile.Scenario found = ScenarioFile.read(file).profile(profile).scenarios().get(scenario);
        if (found == null) {
            throw new IllegalArgumentException("profile " + profile + " has no scenario " + scenario);
        }
        return K6Duration.parse(found.startTime());
    }

    /** The scenarios a run of this one scenario of a profile drives: it and the warm-ups of its request. */
    public static List<String> scenariosRunWith(Path file, String profile, String scenario) {
        return List.copyOf(LoadRunner.chosen(ScenarioFile.read(file).profile(profile), List.of(scenario)).keySet());
    }

    static void requireLoopback(URI baseUri) {
        try {
            if (baseUri.getHost() == null || !InetAddress.getByName(baseUri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(baseUri + " is not on this machine's loopback interface: the runner"
                        + " only loads a local platform or a port-forward (use k6 for remote targets)");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host in " + baseUri, e);
        }
    }

    /** What to run: a profile of a scenario file, against a base URL, optionally a subset of its scenarios. */
    public record Options(Path file, String profile, URI baseUri, List<String> scenarios, Map<String, String> variables,
                          String apiKey) {

        static Options parse(String[] args) {
            Path file = Path.of("load-tests/k6/scenarios.json");
            String profile = null;
            URI base = URI.create("http://127.0.0.1:8080");
            List<String> scenarios = new ArrayList<>();
            Map<String, String> variables = new HashMap<>();
            String apiKey = System.getenv("API_KEY");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i++]) {
                    case "--file" -> file = Path.of(value);
                    case "--profile" -> profile = value;
                    case "--base-url" -> base = URI.create(value.endsWith("/") ? value : value + "/");
                    case "--scenarios" -> scenarios.addAll(List.of(value.split(",")));
                    case "--api-key" -> apiKey = value;
                    case "--var" -> {
                        int equals = value.indexOf('=');
                        if (equals < 1) {
                            throw new IllegalArgumentException("--var needs name=value, got '" + value + "'");
                        }
                        variables.put(value.substring(0, equals), value.substring(equals + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (profile == null) {
                throw new IllegalArgumentException("--profile is required (smoke, ci-load, load, stress, spike, soak)");
            }
            return new Options(file, profile, base, List.copyOf(scenarios), Map.copyOf(variables), apiKey);
        }
    }
}
