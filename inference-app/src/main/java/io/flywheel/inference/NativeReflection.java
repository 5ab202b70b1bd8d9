package io.flywheel.inference;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Classes a native image must keep for reflection because Jackson or langchain4j reach them outside what Quarkus
 * registers by itself (the declared types of REST methods): bodies inside a {@code Response}, JSON written by hand
 * (stream events, the interaction log, the vault), JSON read by hand (the key sync), and the agent's tool methods.
 */
@RegisterForReflection(targets = {
        io.flywheel.shared.chat.ChatCompletion.class,
        io.flywheel.shared.chat.ChatCompletion.Choice.class,
        io.flywheel.shared.chat.ChatCompletionChunk.class,
        io.flywheel.shared.chat.ChatCompletionChunk.Choice.class,
        io.flywheel.shared.chat.ChatCompletionChunk.Delta.class,
        io.flywheel.shared.chat.ChatMessage.class,
        io.flywheel.shared.chat.FlywheelInfo.class,
        io.flywheel.shared.chat.SafetyFinding.class,
        io.flywheel.shared.chat.SourceRef.class,
        io.flywheel.shared.chat.Usage.class,
        io.flywheel.shared.access.KeyGrant.class,
        io.flywheel.shared.access.KeyGrants.class,
        io.flywheel.shared.access.Role.class,
        io.flywheel.inference.feedback.FeedbackReceipt.class,
        io.flywheel.inference.agent.RegistryTools.class,
        io.flywheel.inference.generation.ProviderBackoff.class
})
public final class NativeReflection {

    private NativeReflection() {
    }
}
