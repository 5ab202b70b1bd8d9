package io.flywheel.shared.inference;

import java.util.List;

/**
 * What a model takes and gives ({@code $metadata_model_response}).
 *
 * @param name     the model's name
 * @param versions the versions that may be asked for explicitly (the stable one first, then the canary, if any)
 * @param platform what serves it
 * @param inputs   one tensor per feature, in schema order
 * @param outputs  the tensors every response can hold
 */
public record ModelMetadata(String name, List<String> versions, String platform, List<MetadataTensor> inputs,
                            List<MetadataTensor> outputs) {
}
