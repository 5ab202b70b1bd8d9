package io.flywheel.inference.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.chat.ChatCompletionChunk;
import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.FlywheelInfo;
import io.flywheel.shared.chat.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes a streamed answer as OpenAI's server-sent events: a first chunk with the role at once (the client knows the
 * answer is coming), then the checked answer in pieces, then a last chunk with the finish reason, the usage and the
 * {@code flywheel} object, then {@code data: [DONE]}. The answer is complete and checked before its first piece is
 * written — output safety must see all of it — so a provider stream that breaks midway never reaches the client;
 * and if the pipeline itself fails, the stream still ends with a flagged chunk and {@code [DONE]}.
 */
@ApplicationScoped
public class SseWriter {

    public static final String EVENT_STREAM = "text/event-stream";
    private static final Logger LOG = Logger.getLogger(SseWriter.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    /** Characters per content chunk: small enough to render progressively, large enough to keep framing cheap. */
    static final int PIECE = 48;
    static final String FAILED = "The answer could not be completed. Please try again.";

    private final ObjectMapper json;

    public SseWriter(ObjectMapper json) {
        this.json = json;
    }

    StreamingOutput stream(ChatPipeline.Admission admission, ChatPipeline pipeline) {
        return out -> {
            String id = admission.answerId();
            String model = admission.served().name();
            long created = Instant.now().getEpochSecond();
            event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(ChatMessage.ASSISTANT, ""), null, null,
                    null));
            out.flush();
            Answer answer;
            try {
                answer = pipeline.answer(admission);
            } catch (RuntimeException e) {
                LOG.errorf(e, "the pipeline failed while streaming");
                answer = failed(admission, id, created);
            }
            for (String piece : pieces(answer.text())) {
                event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(null, piece), null, null,
                        null));
            }
            event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(null, null),
                    answer.finishReason(), answer.usage(), answer.flywheel()));
            out.write(DONE);
            out.flush();
        };
    }

    private static Answer failed(ChatPipeline.Admission admission, String id, long created) {
        FlywheelInfo info = new FlywheelInfo(id, admission.served().version(), null, null, ChatPipeline.RAG, "none",
                List.of(), true, "internal error while answering", true, null, List.of());
        return new Answer(id, admission.served().name(), created, FAILED, ChatPipeline.STOP, Usage.of(0, 0), info);
    }

    private static ChatCompletionChunk chunk(String id, long created, String model, ChatCompletionChunk.Delta delta,
                                             String finish, Usage usage, FlywheelInfo info) {
        return new ChatCompletionChunk(id, ChatCompletionChunk.OBJECT, created, model,
                List.of(new ChatCompletionChunk.Choice(0, delta, finish)), usage, info);
    }

    private void event(OutputStream out, ChatCompletionChunk chunk) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.UTF_8));
        out.write(json.writeValueAsBytes(chunk));
        out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** The text in pieces of about {@link #PIECE} characters, cut after a space where possible. */
    static List<String> pieces(String text) {
        List<String> pieces = new java.util.ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int to = Math.min(text.length(), from + PIECE);
            if (to < text.length()) {
                int space = text.lastIndexOf(' ', to);
                if (space > from) {
                    to = space + 1;
                }
            }
            pieces.add(text.substring(from, to));
            from = to;
        }
        return pieces;
    }
}
