package io.flywheel.shared.tabular;

/**
 * Lays trees out for scoring: breadth-first, so that the two children of a split sit side by side and a walk can
 * step to {@code firstChild + (goRight ? 1 : 0)} without a hard-to-predict branch. Returns, for a stored tree, its
 * node ids in that order.
 */
final class TreeLayout {

    private TreeLayout() {
    }

    /** Node ids breadth-first from the root, each split's left child immediately followed by its right child. */
    static int[] breadthFirst(int[] left, int[] right) {
        int[] order = new int[left.length];
        int size = 1;
        for (int next = 0; next < size; next++) {
            int node = order[next];
            if (left[node] != TreeShape.NONE) {
                order[size++] = left[node];
                order[size++] = right[node];
            }
        }
        return order;
    }

    /** The inverse permutation: position of each stored node in the layout. */
    static int[] positions(int[] order) {
        int[] position = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            position[order[i]] = i;
        }
        return position;
    }
}
