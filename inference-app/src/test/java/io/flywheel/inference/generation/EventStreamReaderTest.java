package io.flywheel.inference.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventStreamReaderTest {

    private final List<String> events = new ArrayList<>();
    private final EventStreamReader reader = new EventStreamReader(64, events::add);

    private void feed(String text) {
        reader.feed(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eventsCutAnywhereByTheNetworkComeOutWhole() {
        String stream = "data: {\"a\":1}\n\ndata: {\"b\":2}\r\n\r\ndata: [DONE]\n\n";
        for (int i = 0; i < stream.length(); i += 3) {
            feed(stream.substring(i, Math.min(stream.length(), i + 3)));
        }
        reader.end();

        assertThat(events).containsExactly("{\"a\":1}", "{\"b\":2}", "[DONE]");
    }

    @Test
    void dataLinesOfOneEventAreJoinedAndOtherFieldsAndCommentsIgnored() {
        feed(": keep-alive\nevent: message\nid: 7\nretry: 1000\ndata: first\ndata:second\n\n");

        assertThat(events).containsExactly("first\nsecond");
    }

    @Test
    void anEventTheBodyEndsInIsStillDelivered() {
        feed("data: {\"last\":true}");
        assertThat(events).isEmpty();

        reader.end();

        assertThat(events).containsExactly("{\"last\":true}");
    }

    @Test
    void multiByteCharactersSplitBetweenPiecesSurvive() {
        byte[] bytes = "data: café ☕\n\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            reader.feed(new byte[] {b});
        }

        assertThat(events).containsExactly("café ☕");
    }

    @Test
    void aLineBeyondTheLimitFailsTheStream() {
        assertThatThrownBy(() -> feed("data: " + "x".repeat(100)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("exceeds 64 bytes");
    }
}
