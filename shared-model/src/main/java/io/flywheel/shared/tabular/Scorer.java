package io.flywheel.shared.tabular;

/** Compiled parameters: the probability of the positive class for one encoded row. Immutable and thread-safe. */
interface Scorer {

    /** Scores {@code scratch.encoded}, using the rest of the scratch as it likes; allocates nothing. */
    double score(TabularModel.Scratch scratch);
}
