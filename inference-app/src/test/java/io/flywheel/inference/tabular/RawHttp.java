package io.flywheel.inference.tabular;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * An HTTP/1.1 client on a plain socket that reads the answer while it is still sending the body, the way a server
 * refusing a large body early is seen by a client that listens: ordinary clients report the server's close as a
 * broken pipe instead.
 */
final class RawHttp {

    private static final byte[] CHUNK = new byte[64 * 1024];

    static {
        java.util.Arrays.fill(CHUNK, (byte) ' ');
    }

    /** What came back: the status line and headers, and the body (up to the close). */
    record Answer(int status, String head, String body) {
    }

    private RawHttp() {
    }

    /** POSTs {@code bytes} of spaces, declared with Content-Length or sent chunked, and returns the answer. */
    static Answer postSpaces(URI base, String path, long bytes, boolean chunked) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
            OutputStream out = socket.getOutputStream();
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nContent-Type: application/json\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + bytes + "\r\n")
                    + "Connection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(out, bytes, chunked));
            String answer = readAll(socket.getInputStream());
            sending.cancel(true);
            int split = answer.indexOf("\r\n\r\n");
            String headers = split < 0 ? answer : answer.substring(0, split);
            return new Answer(Integer.parseInt(headers.substring(9, 12)), headers,
                    split < 0 ? "" : answer.substring(split + 4));
        }
    }

    private static void send(OutputStream out, long bytes, boolean chunked) {
        try {
            for (long sent = 0; sent < bytes; sent += CHUNK.length) {
                if (chunked) {
                    out.write((Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(CHUNK);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected: the server answered and closed before the whole body was sent
        }
    }

    private static String readAll(InputStream in) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
            }
        } catch (IOException resetAfterTheAnswer) {
            if (answer.size() == 0) {
                throw new UncheckedIOException(resetAfterTheAnswer);
            }
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
