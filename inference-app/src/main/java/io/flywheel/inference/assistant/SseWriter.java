package io.flywheel.inference.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.chat.ChatCompletionChunk;
import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.FlywheelInfo;
import io.flywheel.shared.chat.Usage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Writes a streamed answer as OpenAI's server-sent events: a first chunk with the role, then the checked answer in
 * pieces, then a last chunk with the finish reason, the usage and the {@code flywheel} object, then
 * {@code data: [DONE]}. The answer is complete and checked before its first piece is written — output safety must
 * see all of it — so a provider stream that breaks midway never reaches the client; and if the pipeline itself
 * fails, the stream still ends with a flagged chunk and {@code [DONE]}. The events are written together, when the
 * answer is ready: the gateway is non-blocking, and no thread is held open to send the role chunk earlier.
 */
@ApplicationScoped
public class SseWriter {

    public static final String EVENT_STREAM = "text/event-stream";
    private static final Logger LOG = Logger.getLogger(SseWriter.class);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_OF_EVENT = "\n\n".getBytes(StandardCharsets.UTF_8);
    /** Characters per content chunk: small enough to render progressively, large enough to keep framing cheap. */
    static final int PIECE = 48;
    static final String FAILED = "The answer could not be completed. Please try again.";

    private final ObjectMapper json;

    public SseWriter(ObjectMapper json) {
        this.json = json;
    }

    /** The admitted request's answer as a complete event stream; never fails. */
    Uni<Response> stream(ChatPipeline.Admission admission, ChatPipeline pipeline) {
        long created = Instant.now().getEpochSecond();
        return pipeline.answer(admission)
                .onFailure().recoverWithItem(e -> {
                    LOG.errorf(e, "the pipeline failed while streaming");
                    return failed(admission, admission.answerId(), created);
                })
                .map(answer -> Response.ok(events(admission, created, answer)).type(EVENT_STREAM).build());
    }

    private byte[] events(ChatPipeline.Admission admission, long created, Answer answer) {
        String id = admission.answerId();
        String model = admission.served().name();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(ChatMessage.ASSISTANT, ""), null, null,
                null));
        for (String piece : pieces(answer.text())) {
            event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(null, piece), null, null, null));
        }
        event(out, chunk(id, created, model, new ChatCompletionChunk.Delta(null, null), answer.finishReason(),
                answer.usage(), answer.flywheel()));
        out.writeBytes(DONE);
        return out.toByteArray();
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

    private void event(ByteArrayOutputStream out, ChatCompletionChunk chunk) {
        out.writeBytes(DATA);
        try {
            out.writeBytes(json.writeValueAsBytes(chunk));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chunk could not be serialised", e);
        }
        out.writeBytes(END_OF_EVENT);
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
