package io.flywheel.inference.assistant;

import io.flywheel.shared.assistant.AssistantConfig;

/**
 * The {@code assistant-config} version this pod answers with.
 *
 * @param name    the model name clients pass as {@code model}
 * @param version the registry version, or {@code "default"} for the built-in configuration
 * @param config  the configuration
 */
public record ServedConfig(String name, String version, AssistantConfig config) {
}
