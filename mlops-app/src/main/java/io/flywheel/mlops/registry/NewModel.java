package io.flywheel.mlops.registry;

import io.flywheel.shared.deployment.ModelKind;

/**
 * The body of {@code POST /api/models}: a model to register before (or without) its first version.
 *
 * @param name        {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}: it appears in URLs and metric tags
 * @param kind        what its versions are
 * @param description free text, may be {@code null}
 */
public record NewModel(String name, ModelKind kind, String description) {
}
