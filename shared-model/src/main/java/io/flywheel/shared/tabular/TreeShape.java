package io.flywheel.shared.tabular;

/**
 * The structure rules every stored tree obeys, so that scoring can walk it without checks: node 0 is the root; a
 * leaf has {@code feature = left = right = -1}; a split's children come after it ({@code i < left, right < n}) and
 * every node but the root has exactly one parent. Walking from the root therefore always ends on a leaf.
 */
final class TreeShape {

    static final int NONE = -1;

    private TreeShape() {
    }

    /** Checks the arrays of one tree; {@code what} names it in messages ({@code trees[3]}). */
    static void check(String what, int[] feature, int[] left, int[] right, int... otherLengths) {
        ArtifactChecks.requirePresent(feature, what + ".feature");
        ArtifactChecks.requirePresent(left, what + ".left");
        ArtifactChecks.requirePresent(right, what + ".right");
        int nodes = feature.length;
        if (nodes == 0) {
            throw new IllegalArgumentException(what + " has no nodes");
        }
        if (left.length != nodes || right.length != nodes) {
            throw new IllegalArgumentException(what + ": feature, left and right must have the same length");
        }
        for (int length : otherLengths) {
            if (length != nodes) {
                throw new IllegalArgumentException(what + ": every node array must have " + nodes + " entries");
            }
        }
        boolean[] hasParent = new boolean[nodes];
        for (int i = 0; i < nodes; i++) {
            if (left[i] == NONE || right[i] == NONE || feature[i] == NONE) {
                if (left[i] != NONE || right[i] != NONE || feature[i] != NONE) {
                    throw new IllegalArgumentException(what + ", node " + i
                            + ": a leaf has feature, left and right all -1");
                }
                continue;
            }
            if (feature[i] < 0) {
                throw new IllegalArgumentException(what + ", node " + i + ": feature " + feature[i] + " is negative");
            }
            claimChild(what, i, left[i], nodes, hasParent);
            claimChild(what, i, right[i], nodes, hasParent);
        }
        for (int i = 1; i < nodes; i++) {
            if (!hasParent[i]) {
                throw new IllegalArgumentException(what + ", node " + i + " is not reachable from the root");
            }
        }
    }

    /** Checks that every split's feature index fits the encoded vector. */
    static void checkFeatures(String what, int[] feature, int encodedWidth) {
        for (int i = 0; i < feature.length; i++) {
            if (feature[i] >= encodedWidth) {
                throw new IllegalArgumentException(what + ", node " + i + ": feature " + feature[i]
                        + " is outside the encoded vector (width " + encodedWidth + ")");
            }
        }
    }

    private static void claimChild(String what, int parent, int child, int nodes, boolean[] hasParent) {
        if (child <= parent || child >= nodes) {
            throw new IllegalArgumentException(what + ", node " + parent + ": child " + child
                    + " must come after its parent and within the " + nodes + " nodes");
        }
        if (hasParent[child]) {
            throw new IllegalArgumentException(what + ", node " + child + " has two parents");
        }
        hasParent[child] = true;
    }
}
