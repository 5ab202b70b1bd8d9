package io.flywheel.mlops.agent;

import io.flywheel.mlops.persistence.Awaited;
import io.flywheel.mlops.registry.RegistryService;
import java.util.Map;

/** A model's Production version as an action's before/after fact. */
final class ProductionFacts {

    private ProductionFacts() {
    }

    static Map<String, Object> of(RegistryService registry, String model) {
        return Awaited.result(() -> registry.production(model)).<Map<String, Object>>map(version -> Map.of(
                "production_version", version.version())).orElse(Map.of("production_version", "none"));
    }
}
