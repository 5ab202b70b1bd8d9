package io.flywheel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flywheel.shared.deployment.DeployedVersion;
import io.flywheel.shared.deployment.Deployments;
import io.flywheel.shared.deployment.ModelDeployment;
import io.flywheel.shared.hashing.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server speaking mlops-app's side of the deployment contract, for tests of inference pods: {@code GET
 * /api/deployments} (shared-model's {@link Deployments}, a growing revision as ETag, 304 on {@code If-None-Match}),
 * {@code GET /api/models/{name}/versions/{v}/artifact} (the bytes, their sha256 as ETag) and
 * {@code GET /api/models/{name}/versions}. A test deploys real artifacts, moves canaries, and makes the server
 * misbehave: stopped (connections refused), failing with a status, slow, or serving other bytes than it announced.
 */
public final class FakeMlopsApp implements AutoCloseable {

    /** One version of a model: its number and its artifact bytes. */
    public record Version(int number, byte[] artifact) {
    }

    private static final String DEPLOYMENTS = "/api/deployments";
    private static final String MODELS = "/api/models/";
    private static final int BACKLOG = 200;
    private static final int BIND_ATTEMPTS = 50;

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-mlops-app");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, ModelDeployment> deployed = new LinkedHashMap<>();
    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<String, byte[]> tampered = new ConcurrentHashMap<>();
    private final AtomicInteger notModified = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final int port;
    private HttpServer server;
    private long revision;
    private volatile int failWith;
    private volatile Duration delay = Duration.ZERO;

    private FakeMlopsApp(int port) {
        this.port = port;
    }

    /** Starts a server on a free loopback port, publishing no deployments (revision 0). */
    public static FakeMlopsApp start() {
        FakeMlopsApp fake = new FakeMlopsApp(AppProcess.freePort());
        fake.restart();
        return fake;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Serves a model with only a stable version. */
    public void deploy(String model, String kind, Version stable) {
        deploy(model, kind, stable, null, 0);
    }

    /** Serves a model: its stable version, and a canary taking {@code weight} of the traffic (or none). */
    public synchronized void deploy(String model, String kind, Version stable, Version canary, double weight) {
        deployed.put(model, new ModelDeployment(model, kind, publish(model, stable),
                canary == null ? null : publish(model, canary), weight));
        revision++;
    }

    /** Stops serving a model. */
    public synchronized void undeploy(String model) {
        if (deployed.remove(model) != null) {
            revision++;
        }
    }

    /**
     * The artifact of this version is answered with other bytes than the sha256 announced, from now on (call it
     * before deploying the version, so that no pod fetches the true bytes first).
     */
    public void tamper(String model, int version, byte[] servedInstead) {
        tampered.put(artifactPath(model, version), servedInstead);
    }

    /** Answers every request with this status (e.g. 503) until {@link #heal()}. */
    public void failWith(int status) {
        failWith = status;
    }

    public void heal() {
        failWith = 0;
        delay = Duration.ZERO;
    }

    /** Answers every request this late. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** The deployments revision published now. */
    public synchronized long revision() {
        return revision;
    }

    /** How many polls of the deployments were answered 304 (not modified). */
    public int notModifiedCount() {
        return notModified.get();
    }

    /** How many requests were received whose path starts with this. */
    public int requestCount(String pathPrefix) {
        return requests.entrySet().stream().filter(entry -> entry.getKey().startsWith(pathPrefix))
                .mapToInt(entry -> entry.getValue().get()).sum();
    }

    /** Stops listening: connections are refused, as when mlops-app is down. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
                break;
            } catch (BindException portStillClosing) {
                if (attempt == BIND_ATTEMPTS) {
                    throw new UncheckedIOException("port " + port + " did not become free", portStillClosing);
                }
                pause(Duration.ofMillis(100));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private DeployedVersion publish(String model, Version version) {
        String path = artifactPath(model, version.number());
        artifacts.put(path, version.artifact());
        return new DeployedVersion(version.number(), Sha256.hex(version.artifact()), path);
    }

    private static String artifactPath(String model, int version) {
        return MODELS + model + "/versions/" + version + "/artifact";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            pause(delay);
            if (failWith != 0) {
                send(exchange, failWith, "application/problem+json", problem(failWith, "failing on purpose"));
            } else if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "application/problem+json", problem(405, "only GET is served here"));
            } else if (path.equals(DEPLOYMENTS)) {
                deployments(exchange);
            } else if (path.startsWith(MODELS) && path.endsWith("/artifact")) {
                artifact(exchange, path);
            } else if (path.startsWith(MODELS) && path.endsWith("/versions")) {
                versions(exchange, path.substring(MODELS.length(), path.length() - "/versions".length()));
            } else {
                send(exchange, 404, "application/problem+json", problem(404, "no such path: " + path));
            }
        }
    }

    private void deployments(HttpExchange exchange) throws IOException {
        Deployments document;
        synchronized (this) {
            document = new Deployments(revision, new ArrayList<>(deployed.values()));
        }
        String etag = "\"" + document.revision() + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            notModified.incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, "application/json", json.writeValueAsBytes(document));
    }

    private void artifact(HttpExchange exchange, String path) throws IOException {
        byte[] bytes = tampered.getOrDefault(path, artifacts.get(path));
        if (bytes == null) {
            send(exchange, 404, "application/problem+json", problem(404, "no artifact at " + path));
            return;
        }
        String etag = "\"" + Sha256.hex(bytes) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        send(exchange, 200, "application/octet-stream", bytes);
    }

    private void versions(HttpExchange exchange, String model) throws IOException {
        ModelDeployment deployment;
        synchronized (this) {
            deployment = deployed.get(model);
        }
        if (deployment == null) {
            send(exchange, 404, "application/problem+json", problem(404, "no model " + model));
            return;
        }
        List<Map<String, Object>> versions = new ArrayList<>();
        versions.add(Map.of("version", deployment.stable().version(), "stage", "Production"));
        if (deployment.canary() != null) {
            versions.add(Map.of("version", deployment.canary().version(), "stage", "Staging"));
        }
        send(exchange, 200, "application/json", json.writeValueAsBytes(versions));
    }

    private byte[] problem(int status, String detail) {
        return ("{\"type\":\"urn:flywheel:problem:fake\",\"title\":\"fake mlops-app\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
