package io.flywheel.inference.safety;

import io.flywheel.shared.chat.ChatMessage;
import io.flywheel.shared.chat.SafetyFinding;
import io.flywheel.shared.safety.InjectionScore;
import io.flywheel.shared.safety.PseudonymTable;
import java.util.List;

/**
 * A conversation after the input checks: its messages with personal data replaced by pseudonyms (nothing else may
 * leave the process), the pseudonym table to store in the vault, what was found, and whether it must be refused.
 */
public record GuardedInput(List<ChatMessage> messages, PseudonymTable pseudonyms, InjectionScore injection,
                           boolean blocked, List<SafetyFinding> findings) {

    public GuardedInput {
        messages = List.copyOf(messages);
        findings = List.copyOf(findings);
    }

    /** The last message, the question being asked (pseudonymised). */
    public String question() {
        return messages.get(messages.size() - 1).content();
    }
}
