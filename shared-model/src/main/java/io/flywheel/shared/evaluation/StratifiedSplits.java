package io.flywheel.shared.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reproducible stratified partitions: each class is shuffled on its own with {@link Random} (whose algorithm the JDK
 * specifies, so a seed gives the same split on every JVM) and dealt out, so every part keeps the class balance.
 */
public final class StratifiedSplits {

    private StratifiedSplits() {
    }

    /**
     * One train/test split holding out {@code testFraction} of each class (rounded, at least one row of each class
     * on each side).
     */
    public static Split holdout(int[] labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be within (0, 1), was " + testFraction);
        }
        Random random = new Random(seed);
        boolean[] inTest = new boolean[labels.length];
        for (int[] members : shuffledClasses(labels, random, 2)) {
            int test = (int) Math.round(members.length * testFraction);
            test = Math.min(Math.max(test, 1), members.length - 1);
            for (int i = 0; i < test; i++) {
                inTest[members[i]] = true;
            }
        }
        return partition(inTest);
    }

    /** {@code k} folds: fold {@code i} tests on every k-th row of each shuffled class, starting at the i-th. */
    public static List<Split> kFold(int[] labels, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold needs at least 2 folds, was " + k);
        }
        int[] fold = new int[labels.length];
        for (int[] members : shuffledClasses(labels, new Random(seed), k)) {
            for (int i = 0; i < members.length; i++) {
                fold[members[i]] = i % k;
            }
        }
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            boolean[] inTest = new boolean[labels.length];
            for (int row = 0; row < labels.length; row++) {
                inTest[row] = fold[row] == f;
            }
            splits.add(partition(inTest));
        }
        return splits;
    }

    /** The row indices of class 0 then class 1, each shuffled; each class needs at least {@code minimum} rows. */
    private static int[][] shuffledClasses(int[] labels, Random random, int minimum) {
        int[][] classes = new int[2][];
        for (int c = 0; c < 2; c++) {
            int count = 0;
            for (int label : labels) {
                if (label != 0 && label != 1) {
                    throw new IllegalArgumentException("labels are 0 or 1, found " + label);
                }
                count += label == c ? 1 : 0;
            }
            if (count < minimum) {
                throw new IllegalArgumentException("class " + c + " has " + count + " rows; at least " + minimum
                        + " are needed to put it on every side of the split");
            }
            int[] members = new int[count];
            int next = 0;
            for (int row = 0; row < labels.length; row++) {
                if (labels[row] == c) {
                    members[next++] = row;
                }
            }
            shuffle(members, random);
            classes[c] = members;
        }
        return classes;
    }

    /** Fisher-Yates, written out so the sequence depends only on {@link Random}'s specified algorithm. */
    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static Split partition(boolean[] inTest) {
        int tests = 0;
        for (boolean test : inTest) {
            tests += test ? 1 : 0;
        }
        int[] train = new int[inTest.length - tests];
        int[] test = new int[tests];
        int t = 0;
        int r = 0;
        for (int row = 0; row < inTest.length; row++) {
            if (inTest[row]) {
                test[t++] = row;
            } else {
                train[r++] = row;
            }
        }
        return new Split(train, test);
    }
}
