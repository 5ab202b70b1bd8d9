package io.flywheel.mlops.training;

/** Receives progress of a long training (which candidate, which fold, how many rows), e.g. into a job record. */
@FunctionalInterface
public interface TrainingProgress {

    /** A progress step: a sentence for the log and the figures behind it. */
    void report(String step, java.util.Map<String, Object> details);

    /** Progress that goes nowhere. */
    static TrainingProgress ignored() {
        return (step, details) -> {
        };
    }
}
