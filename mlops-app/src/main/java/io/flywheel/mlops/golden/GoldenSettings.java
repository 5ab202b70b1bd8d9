package io.flywheel.mlops.golden;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The golden set and the gate of rag-index and assistant-config versions ({@code flywheel.golden.*}). */
@ConfigMapping(prefix = "flywheel.golden")
public interface GoldenSettings {

    /** Passages searched for the first hit (MRR is measured within them). */
    @WithDefault("10")
    int depth();

    /** Passages given as context when scoring an index (context support, the extractive answer). */
    @WithDefault("5")
    int contextK();

    /** How far below Production each gated metric may fall (absolute difference). */
    @WithDefault("0.02")
    double maxRegression();

    /** The hit rate @5 a first version (no Production yet) must reach. */
    @WithDefault("0.9")
    double minHitRateAt5();

    /** The MRR a first version must reach. */
    @WithDefault("0.85")
    double minMrr();

    /** The context support a first version must reach. */
    @WithDefault("0.5")
    double minContextSupport();

    /** The least user rating (1–5) for a reviewed answer to join the golden set. */
    @WithDefault("4")
    int minRating();

    /** The most answers the golden job reads per run. */
    @WithDefault("500")
    int growthLimit();
}
