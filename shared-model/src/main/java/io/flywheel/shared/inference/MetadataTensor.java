package io.flywheel.shared.inference;

/**
 * An input or output a model declares ({@code $metadata_tensor}); {@code -1} is a dimension of any size.
 *
 * @param name     the tensor's name
 * @param datatype its datatype
 * @param shape    its dimensions
 */
public record MetadataTensor(String name, String datatype, long[] shape) {
}
