package io.flywheel.mlops.validation;

import io.flywheel.shared.validation.ValidationThresholds;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the default suite a dataset gets with its first snapshot ({@code flywheel.validation.*}). */
@ConfigMapping(prefix = "flywheel.validation")
public interface ValidationSettings {

    /** Largest share of missing values per column. */
    @WithDefault("0.05")
    double maxNullRate();

    /** Largest share of rows equal to an earlier row. */
    @WithDefault("0.01")
    double maxDuplicateRate();

    /** Fewest rows. */
    @WithDefault("100")
    long minRows();

    /** Smallest share of the rarer class. */
    @WithDefault("0.01")
    double minMinorityShare();

    /** Largest share of values outside a categorical feature's known categories. */
    @WithDefault("0.01")
    double maxUnknownCategoryRate();

    default ValidationThresholds thresholds() {
        return new ValidationThresholds(maxNullRate(), maxDuplicateRate(), minRows(), minMinorityShare(),
                maxUnknownCategoryRate());
    }
}
