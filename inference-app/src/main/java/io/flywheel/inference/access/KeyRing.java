package io.flywheel.inference.access;

import io.flywheel.shared.access.ApiKeys;
import io.flywheel.shared.access.KeyGrant;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The active keys this pod knows, by hash. Replaced as a whole by {@link KeySync}; when mlops-app cannot be reached
 * the last known set stays in force.
 */
@ApplicationScoped
public class KeyRing {

    private volatile Map<String, KeyGrant> byHash;

    /** Whether a key set was ever received. */
    public boolean loaded() {
        return byHash != null;
    }

    public Optional<KeyGrant> find(String key) {
        Map<String, KeyGrant> current = byHash;
        if (current == null || !ApiKeys.looksLikeKey(key)) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.get(ApiKeys.hash(key)));
    }

    public int size() {
        Map<String, KeyGrant> current = byHash;
        return current == null ? 0 : current.size();
    }

    void replace(List<KeyGrant> grants) {
        byHash = grants.stream()
                .collect(Collectors.toUnmodifiableMap(KeyGrant::hash, Function.identity(), (first, second) -> first));
    }
}
