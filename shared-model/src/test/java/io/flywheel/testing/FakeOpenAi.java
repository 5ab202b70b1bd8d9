package io.flywheel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local server speaking OpenAI's chat-completions protocol (JSON and server-sent events) for tests and benchmarks,
 * written on plain sockets so that it can misbehave the way real providers and networks do: 429 with
 * {@code Retry-After}, 500/503, answers slower than any timeout, reset connections, slow and truncated streams,
 * malformed JSON. Each target (path prefix, e.g. {@code /primary/v1}) has its own fault, so a test can break the
 * primary provider and keep the fallback healthy. It records every request body it receives.
 *
 * <p>Answers are built from the request so that the gateway's checks have something real to judge:
 * {@code context} quotes the first retrieved passage of the system message, {@code echo} repeats the last user
 * message, {@code leak} invents an e-mail address, {@code ungrounded} says something no source supports, and
 * {@code tool} calls a tool ({@code modelStatus} unless {@link #toolCall} says otherwise) before answering from
 * its result.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** What a target does with the requests it receives. */
    public enum Fault { NONE, RATE_LIMITED, ERROR_500, ERROR_503, TIMEOUT, RESET, SLOW_STREAM, TRUNCATED_STREAM, MALFORMED }

    /** How a healthy target words its answer. */
    public enum Answering { CONTEXT, ECHO, LEAK, UNGROUNDED, TOOL }

    private static final Pattern CONTEXT = Pattern.compile("\\[1] \\([^)]*\\) ([^\\n]+)");
    private static final int MAX_RECORDED = 5_000;

    private final ObjectMapper json = new ObjectMapper();
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-openai");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private FakeOpenAi(ServerSocket server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port. */
    public static FakeOpenAi start() {
        try {
            FakeOpenAi fake = new FakeOpenAi(new ServerSocket(0, 200, InetAddress.getLoopbackAddress()));
            fake.connections.execute(fake::accept);
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake OpenAI server", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The OpenAI base URL of a target, e.g. {@code http://127.0.0.1:port/primary/v1}. */
    public String baseUrl(String target) {
        return "http://127.0.0.1:" + port() + "/" + target + "/v1";
    }

    /** From now on the target answers every request with this fault ({@link Fault#NONE} heals it). */
    public FakeOpenAi fault(String target, Fault fault) {
        target(target).fault = fault;
        return this;
    }

    /** The {@code Retry-After} (seconds, may be fractional) sent with 429 and 503. */
    public FakeOpenAi retryAfter(String target, String seconds) {
        target(target).retryAfter = seconds;
        return this;
    }

    /** The fault applies to the next {@code count} requests only, then the target is healthy again. */
    public FakeOpenAi faultFor(String target, Fault fault, int count) {
        Target t = target(target);
        t.fault = fault;
        t.faultsLeft.set(count);
        return this;
    }

    public FakeOpenAi answering(String target, Answering answering) {
        target(target).answering = answering;
        return this;
    }

    /**
     * The tool {@link Answering#TOOL} calls and its JSON arguments (default {@code modelStatus} with
     * {@code {"name":"loan-risk"}}).
     */
    public FakeOpenAi toolCall(String target, String tool, String arguments) {
        target(target).toolCall = new String[] {tool, arguments};
        return this;
    }

    /** How long {@link Fault#TIMEOUT} waits before answering, and {@link Fault#SLOW_STREAM} between events. */
    public FakeOpenAi delayMillis(String target, long millis) {
        target(target).delayMillis = millis;
        return this;
    }

    /** Heals every target and forgets what was received. */
    public void reset() {
        targets.clear();
    }

    /** The request bodies the target received, oldest first. */
    public List<String> received(String target) {
        return List.copyOf(target(target).received);
    }

    public int requestCount(String target) {
        return target(target).requests.get();
    }

    /**
     * Requests whose client closed the connection while the target was still working on the answer
     * ({@link Fault#TIMEOUT}): a provider that notices stops generating, and stops charging.
     */
    public int abandonedCount(String target) {
        return target(target).abandoned.get();
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(FakeOpenAi::closeQuietly);
        connections.shutdownNow();
    }

    private Target target(String name) {
        return targets.computeIfAbsent(name, ignored -> new Target());
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.execute(() -> serve(socket));
            } catch (IOException e) {
                if (running) {
                    continue;
                }
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            // a zero-latency provider: no Nagle delay between the writes of one response
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream());
            while (running) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                if (!respond(request, socket, in, out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException closed) {
            // the client went away, or the fault closed the connection
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one request; false when the connection must not be reused. */
    private boolean respond(Request request, Socket socket, InputStream in, OutputStream out)
            throws IOException, InterruptedException {
        String[] parts = request.path.split("/");
        if (parts.length < 2 || !request.path.endsWith("/chat/completions") || !"POST".equals(request.method)) {
            write(out, 404, "application/json", "{\"error\":{\"message\":\"no such endpoint\"}}", Map.of());
            return true;
        }
        Target target = target(parts[1]);
        target.requests.incrementAndGet();
        String body = new String(request.body, StandardCharsets.UTF_8);
        if (target.received.size() < MAX_RECORDED) {
            target.received.add(body);
        }
        JsonNode chat = json.readTree(body);
        boolean stream = chat.path("stream").asBoolean(false);
        Fault fault = target.currentFault();
        switch (fault) {
            case RATE_LIMITED -> {
                write(out, 429, "application/json", error("rate limit reached", "rate_limit_exceeded"),
                        Map.of("Retry-After", target.retryAfter));
                return true;
            }
            case ERROR_500 -> {
                write(out, 500, "application/json", error("internal error", "server_error"), Map.of());
                return true;
            }
            case ERROR_503 -> {
                write(out, 503, "application/json", error("overloaded", "server_error"),
                        Map.of("Retry-After", target.retryAfter));
                return true;
            }
            case TIMEOUT -> {
                if (clientLeftWithin(socket, in, target.delayMillis)) {
                    target.abandoned.incrementAndGet();
                    return false;
                }
            }
            case RESET -> {
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            }
            case MALFORMED -> {
                write(out, 200, "application/json", "{\"id\":\"chatcmpl-broken\",\"choices\":[{\"message\":", Map.of());
                return true;
            }
            default -> {
                // answered below
            }
        }
        ObjectNode answer = answer(chat, target.answering, target.toolCall);
        if (!stream) {
            write(out, 200, "application/json", json.writeValueAsString(answer), Map.of());
            return true;
        }
        return streamAnswer(out, answer, fault, target.delayMillis);
    }

    private ObjectNode answer(JsonNode chat, Answering answering, String[] toolCall) {
        String model = chat.path("model").asText("fake");
        ObjectNode message = json.createObjectNode().put("role", "assistant");
        String finish = "stop";
        boolean toolResult = false;
        String lastUser = "";
        String system = "";
        StringBuilder all = new StringBuilder();
        for (JsonNode m : chat.path("messages")) {
            String content = m.path("content").asText("");
            all.append(content);
            switch (m.path("role").asText()) {
                case "user" -> lastUser = content;
                case "system" -> system = system.isEmpty() ? content : system;
                case "tool" -> {
                    toolResult = true;
                    lastUser = content;
                }
                default -> {
                    // assistant turns do not change the answer
                }
            }
        }
        String text;
        if (answering == Answering.TOOL && !toolResult && chat.has("tools")) {
            ArrayNode calls = message.putArray("tool_calls");
            calls.addObject().put("id", "call_1").put("type", "function").putObject("function")
                    .put("name", toolCall[0]).put("arguments", toolCall[1]);
            message.putNull("content");
            finish = "tool_calls";
            text = "";
        } else {
            text = switch (answering) {
                case ECHO -> "You wrote: " + lastUser;
                case LEAK -> "Please write to john.leaker@evil.example about it.";
                case UNGROUNDED -> "Quantum flux capacitors power the interpreter on Tuesdays.";
                case TOOL -> "Here is what the registry says. " + lastUser;
                case CONTEXT -> {
                    Matcher passage = CONTEXT.matcher(system);
                    yield passage.find() ? passage.group(1).trim() : "I do not know.";
                }
            };
            message.put("content", text);
        }
        ObjectNode response = json.createObjectNode().put("id", "chatcmpl-" + System.nanoTime())
                .put("object", "chat.completion").put("created", System.currentTimeMillis() / 1000).put("model", model);
        response.putArray("choices").addObject().put("index", 0).put("finish_reason", finish).set("message", message);
        response.putObject("usage").put("prompt_tokens", all.length() / 4 + 1).put("completion_tokens",
                text.length() / 4 + 1).put("total_tokens", all.length() / 4 + text.length() / 4 + 2);
        return response;
    }

    private boolean streamAnswer(OutputStream out, ObjectNode answer, Fault fault, long delay)
            throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                + "Cache-Control: no-cache\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        JsonNode message = answer.path("choices").path(0).path("message");
        String text = message.path("content").asText("");
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); i += 16) {
            pieces.add(text.substring(i, Math.min(text.length(), i + 16)));
        }
        chunk(out, event(answer, json.createObjectNode().put("role", "assistant"), null));
        for (int i = 0; i < pieces.size(); i++) {
            if (fault == Fault.SLOW_STREAM) {
                Thread.sleep(delay);
            }
            if (fault == Fault.TRUNCATED_STREAM && i == pieces.size() / 2) {
                out.flush();
                return false;
            }
            chunk(out, event(answer, json.createObjectNode().put("content", pieces.get(i)), null));
        }
        if (fault == Fault.TRUNCATED_STREAM) {
            return false;
        }
        ObjectNode last = event(answer, json.createObjectNode(), answer.path("choices").path(0).path("finish_reason")
                .asText());
        if (message.has("tool_calls")) {
            ObjectNode delta = (ObjectNode) last.path("choices").path(0).path("delta");
            ArrayNode calls = delta.putArray("tool_calls");
            for (JsonNode call : message.path("tool_calls")) {
                ObjectNode indexed = call.deepCopy();
                indexed.put("index", 0);
                calls.add(indexed);
            }
        }
        last.set("usage", answer.path("usage"));
        chunk(out, last);
        writeChunk(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    private ObjectNode event(ObjectNode answer, ObjectNode delta, String finish) {
        ObjectNode event = json.createObjectNode().put("id", answer.path("id").asText())
                .put("object", "chat.completion.chunk").put("created", answer.path("created").asLong())
                .put("model", answer.path("model").asText());
        ObjectNode choice = event.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return event;
    }

    private void chunk(OutputStream out, ObjectNode event) throws IOException {
        writeChunk(out, "data: " + json.writeValueAsString(event) + "\n\n");
        out.flush();
    }

    private static void writeChunk(OutputStream out, String data) throws IOException {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Waits as a slow provider does, and tells whether the client hung up meanwhile: an HTTP/1.1 client sends
     * nothing while it waits for its answer, so the connection becomes readable only when it is closed.
     */
    private static boolean clientLeftWithin(Socket socket, InputStream in, long millis)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        socket.setSoTimeout((int) Math.max(1, millis));
        try {
            in.mark(1);
            if (in.read() < 0) {
                return true;
            }
            in.reset();
        } catch (SocketTimeoutException waitedEnough) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(0);
        }
        // the client sent something more (a pipelined request): it is still there, wait out the rest
        Thread.sleep(Math.max(0, millis - (System.nanoTime() - started) / 1_000_000));
        return false;
    }

    private static String error(String message, String type) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":null}}";
    }

    private static void write(OutputStream out, int status, String type, String body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(type).append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static final class Target {
        private volatile Fault fault = Fault.NONE;
        private volatile Answering answering = Answering.CONTEXT;
        private volatile String retryAfter = "1";
        private volatile long delayMillis = 5_000;
        private volatile String[] toolCall = {"modelStatus", "{\"name\":\"loan-risk\"}"};
        private final AtomicInteger faultsLeft = new AtomicInteger(-1);
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger abandoned = new AtomicInteger();
        private final List<String> received = Collections.synchronizedList(new ArrayList<>());

        Fault currentFault() {
            Fault now = fault;
            if (now != Fault.NONE && faultsLeft.get() >= 0 && faultsLeft.getAndDecrement() <= 0) {
                fault = Fault.NONE;
                return Fault.NONE;
            }
            return now;
        }
    }

    /** One HTTP/1.1 request: line, headers, body (Content-Length or chunked). */
    private record Request(String method, String path, Map<String, String> headers, byte[] body) {

        static Request read(InputStream in) throws IOException {
            String line = line(in);
            while (line != null && line.isEmpty()) {
                line = line(in);
            }
            if (line == null) {
                return null;
            }
            String[] start = line.split(" ");
            if (start.length < 2) {
                throw new SocketException("bad request line: " + line);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).trim());
                }
            }
            byte[] body;
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(in);
            } else {
                int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
                body = in.readNBytes(length);
            }
            String path = start[1];
            int query = path.indexOf('?');
            return new Request(start[0], query < 0 ? path : path.substring(0, query), new HashMap<>(headers), body);
        }

        private static byte[] chunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                if (size == null) {
                    return body.toByteArray();
                }
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    line(in);
                    return body.toByteArray();
                }
                body.write(in.readNBytes(length));
                line(in);
            }
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(c);
            }
            return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
        }
    }
}
