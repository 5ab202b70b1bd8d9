package io.flywheel.inference.assistant;

import io.flywheel.inference.access.AuthFilter;
import io.flywheel.shared.chat.ChatCompletion;
import io.flywheel.shared.chat.ChatCompletionRequest;
import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.ModelList;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The OpenAI-compatible assistant API. A request is admitted (or refused with its problem) before anything is
 * streamed; after that the client always gets a complete answer, degraded or refused if need be, never a 5xx.
 * Non-blocking: the request stays on the event loop but for the steps that would block it (see {@link ChatPipeline}).
 */
@Path("/v1")
public class ChatCompletionResource {

    private final ChatPipeline pipeline;
    private final ActiveAssistantConfig configs;
    private final SseWriter sse;

    public ChatCompletionResource(ChatPipeline pipeline, ActiveAssistantConfig configs, SseWriter sse) {
        this.pipeline = pipeline;
        this.configs = configs;
        this.sse = sse;
    }

    @POST
    @Path("/chat/completions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public Uni<Response> complete(ChatCompletionRequest request, @Context ContainerRequestContext context) {
        return pipeline.admit(request, AuthFilter.callerOf(context)).chain(admission -> request.streaming()
                ? sse.stream(admission, pipeline)
                : pipeline.answer(admission).map(answer ->
                        Response.ok(completion(answer)).type(MediaType.APPLICATION_JSON_TYPE).build()));
    }

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public ModelList models() {
        ServedConfig served = configs.current();
        return ModelList.of(List.of(new ModelList.Model(served.name(), "model", 0, "flywheel", served.version())));
    }

    static ChatCompletion completion(Answer answer) {
        return new ChatCompletion(answer.id(), ChatCompletion.OBJECT, answer.created(), answer.model(),
                List.of(new ChatCompletion.Choice(0, ChatMessage.of(ChatMessage.ASSISTANT, answer.text()),
                        answer.finishReason())),
                answer.usage(), answer.flywheel());
    }
}
