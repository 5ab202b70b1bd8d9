package io.flywheel.mlops.keys;

/** The answer to a key creation: the key itself, shown this once, and what it grants. */
public record CreatedKey(String key, KeyView details) {
}
