package io.flywheel.mlops.registry;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the model registry ({@code flywheel.registry.*}). */
@ConfigMapping(prefix = "flywheel.registry")
public interface RegistryConfig {

    /**
     * The largest artifact a version may have. Artifacts live in PostgreSQL and are read whole into memory when
     * registered and served, so this also bounds the memory one upload or download takes.
     */
    @WithDefault("64M")
    MemorySize maxArtifactSize();

    /** The code version recorded as lineage when the creator of a version gives none: the build of this app. */
    @WithDefault("${quarkus.application.version:unknown}")
    String codeVersion();

    /**
     * How fast {@code registry-verify} reads artifacts back, in bytes per second: re-reading competes with serving
     * for the database, so a scrub of a large registry is spread out.
     */
    @WithDefault("32M")
    MemorySize verifyRate();

    /** The most versions or events one list answer holds. */
    @WithDefault("200")
    int maxListSize();
}
