package io.flywheel.inference.assistant;

import io.flywheel.shared.chat.FlywheelInfo;
import io.flywheel.shared.chat.Usage;

/**
 * The pipeline's result, before it is shaped as a completion or a stream.
 *
 * @param id           the answer id (also the completion id)
 * @param model        the assistant name
 * @param created      epoch seconds
 * @param text         the checked answer, pseudonymised
 * @param finishReason {@code stop} or {@code length}
 */
public record Answer(String id, String model, long created, String text, String finishReason, Usage usage,
                     FlywheelInfo flywheel) {
}
