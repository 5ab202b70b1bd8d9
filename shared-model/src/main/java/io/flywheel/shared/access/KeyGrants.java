package io.flywheel.shared.access;

import java.util.List;

/** The active keys, served by mlops-app on {@code GET /internal/keys} (with an ETag) and polled by inference pods. */
public record KeyGrants(List<KeyGrant> keys) {

    public KeyGrants {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }
}
