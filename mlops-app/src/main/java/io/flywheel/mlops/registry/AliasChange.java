package io.flywheel.mlops.registry;

/**
 * The body of {@code PUT /api/models/{name}/aliases/{alias}}: the version the alias points to from now on, and why.
 */
public record AliasChange(Integer version, String reason) {
}
