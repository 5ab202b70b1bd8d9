package io.flywheel.shared.inference;

/**
 * Whether a model can be asked now ({@code $ready_model_response}).
 *
 * @param name  the model's name
 * @param ready whether a version of it is loaded
 */
public record ModelReady(String name, boolean ready) {
}
