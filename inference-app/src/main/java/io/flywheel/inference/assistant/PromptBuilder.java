package io.flywheel.inference.assistant;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import io.flywheel.inference.retrieval.RetrievedSource;
import io.flywheel.shared.assistant.AssistantConfig;
import io.flywheel.shared.assistant.PromptTemplate;
import io.flywheel.shared.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the (pseudonymised) conversation and the retrieved passages into the messages a provider receives: the
 * configuration's system template first (with the numbered context), the client's own system and developer messages
 * after it (they may add instructions but not displace the operator's), the earlier turns as they were, and the last
 * question through the configuration's user template.
 */
final class PromptBuilder {

    private PromptBuilder() {
    }

    static String context(List<RetrievedSource> sources) {
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            RetrievedSource source = sources.get(i);
            context.append('[').append(i + 1).append("] (").append(source.document()).append(") ")
                    .append(source.text()).append('\n');
        }
        return context.toString();
    }

    static List<dev.langchain4j.data.message.ChatMessage> messages(AssistantConfig config, List<ChatMessage> conversation,
                                                                   String context) {
        String question = conversation.get(conversation.size() - 1).content();
        Map<String, String> values = Map.of(PromptTemplate.QUESTION, question, PromptTemplate.CONTEXT, context);
        List<dev.langchain4j.data.message.ChatMessage> messages = new ArrayList<>(conversation.size() + 1);
        messages.add(SystemMessage.from(PromptTemplate.render(config.prompts().system(), values)));
        for (int i = 0; i < conversation.size() - 1; i++) {
            ChatMessage message = conversation.get(i);
            if (message.content() == null || message.content().isBlank()) {
                continue;
            }
            switch (message.role()) {
                case ChatMessage.SYSTEM, ChatMessage.DEVELOPER -> messages.add(SystemMessage.from(message.content()));
                case ChatMessage.ASSISTANT -> messages.add(AiMessage.from(message.content()));
                default -> messages.add(UserMessage.from(message.content()));
            }
        }
        messages.add(UserMessage.from(PromptTemplate.render(config.prompts().user(), values)));
        return messages;
    }

    /** Everything the model is given, as one text: what an answer may quote without it being a leak. */
    static String promptText(List<dev.langchain4j.data.message.ChatMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (dev.langchain4j.data.message.ChatMessage message : messages) {
            String part;
            if (message instanceof SystemMessage system) {
                part = system.text();
            } else if (message instanceof UserMessage user) {
                part = user.hasSingleText() ? user.singleText() : user.toString();
            } else if (message instanceof AiMessage ai) {
                part = ai.text();
            } else {
                part = message.toString();
            }
            text.append(part == null ? "" : part).append('\n');
        }
        return text.toString();
    }
}
