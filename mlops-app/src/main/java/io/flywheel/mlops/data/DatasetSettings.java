package io.flywheel.mlops.data;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of dataset uploads ({@code flywheel.datasets.*}). */
@ConfigMapping(prefix = "flywheel.datasets")
public interface DatasetSettings {

    /**
     * The largest CSV upload; a larger one is refused with 413 and not read further. The whole table is held in memory
     * while it is checked, so keep this well below the heap (a 100 MB CSV takes about 1 GB as a table).
     */
    @WithDefault("100M")
    MemorySize maxUploadSize();
}
