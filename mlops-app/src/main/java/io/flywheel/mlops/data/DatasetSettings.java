package io.flywheel.mlops.data;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of dataset snapshots: uploads and log ⨝ feedback ({@code flywheel.datasets.*}). */
@ConfigMapping(prefix = "flywheel.datasets")
public interface DatasetSettings {

    /**
     * The largest CSV upload; a larger one is refused with 413 and not read further. The whole table is held in memory
     * while it is checked, so keep this well below the heap (a 100 MB CSV takes about 1 GB as a table).
     */
    @WithDefault("100M")
    MemorySize maxUploadSize();

    /** Snapshots from the prediction log joined with feedback ({@code flywheel.datasets.feedback.*}). */
    FeedbackSettings feedback();

    /** Snapshots from log ⨝ feedback. */
    interface FeedbackSettings {

        /** The most labelled rows one snapshot takes (they are held in memory as a table, like an upload). */
        @WithDefault("1000000")
        int maxRows();

        /** New labels since the model's last such snapshot that make a new one worth training on. */
        @WithDefault("500")
        int minNewLabels();

        /** The window of {@code retrain}'s {@code dataset=feedback:<model>}: labelled predictions of the last N h. */
        @WithDefault("720")
        int windowHours();

        /** Rows fetched per round trip while reading the join. */
        @WithDefault("5000")
        int fetchSize();

        /** Deadline of the join query. */
        @WithDefault("5m")
        Duration queryTimeout();
    }
}
