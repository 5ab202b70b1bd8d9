package io.flywheel.inference.assistant;

import io.flywheel.inference.safety.VaultCipher;
import io.flywheel.shared.chat.FlywheelInfo;
import java.time.Instant;

/**
 * One answered request as it is logged for feedback, evaluation and the golden set. Question and answer are
 * pseudonymised; the pseudonym mapping, if any, travels encrypted to the vault table.
 */
public record Interaction(String answerId, Instant at, String keyId, String assistant, String question,
                          String answer, FlywheelInfo info, String model, int promptTokens, int completionTokens,
                          double latencyMillis, String traceId, VaultCipher.Sealed pseudonyms) {
}
