package io.flywheel.inference.generation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a {@code text/event-stream} body, fed in whatever pieces the network delivers, into the data of its events
 * (the {@code data:} lines of an event joined by newlines, as the SSE format says); {@code event:}, {@code id:},
 * {@code retry:} and comment lines are ignored, as OpenAI-compatible providers give them no meaning. Bounded: a line
 * longer than {@code maxLineBytes} fails the stream instead of growing without end.
 */
final class EventStreamReader {

    private final Consumer<String> onData;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    EventStreamReader(int maxLineBytes, Consumer<String> onData) {
        this.maxLineBytes = maxLineBytes;
        this.onData = onData;
    }

    /** The next piece of the body; calls back for every event it completes. */
    void feed(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                endOfLine();
            } else {
                if (line.size() >= maxLineBytes) {
                    throw new UncheckedIOException(new IOException("an event-stream line exceeds " + maxLineBytes
                            + " bytes"));
                }
                line.write(b);
            }
        }
    }

    /** The body ended: an event not yet closed by its blank line is still delivered. */
    void end() {
        if (line.size() > 0) {
            endOfLine();
        }
        dispatch();
    }

    private void endOfLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("data:")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(text, text.startsWith("data: ") ? 6 : 5, text.length());
            hasData = true;
        }
    }

    private void dispatch() {
        if (hasData) {
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            onData.accept(event);
        }
    }
}
