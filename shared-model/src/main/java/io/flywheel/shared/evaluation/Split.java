package io.flywheel.shared.evaluation;

/**
 * Row indices of one train/test partition, each ascending.
 *
 * @param train rows to learn from
 * @param test  rows to measure on
 */
public record Split(int[] train, int[] test) {
}
