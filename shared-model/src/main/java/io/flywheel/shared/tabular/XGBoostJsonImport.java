package io.flywheel.shared.tabular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a model saved in XGBoost's JSON format ({@code Booster.toByteArray("json")} or {@code save_model("m.json")},
 * XGBoost 1.x) into {@link GradientBoostedTrees}: {@code gbtree} boosters with numeric splits, objective
 * {@code binary:logistic} or {@code multi:softprob} with two classes. Trees are renumbered breadth-first (dropping
 * nodes XGBoost pruned but kept), and the matrix columns the booster saw are mapped to encoded features.
 */
public final class XGBoostJsonImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BINARY_LOGISTIC = "binary:logistic";
    private static final String MULTI_SOFTPROB = "multi:softprob";

    private XGBoostJsonImport() {
    }

    /**
     * The trees of an XGBoost JSON model.
     *
     * @param json            the saved model
     * @param encodedIndex    for each matrix column the booster was trained on, the index of the same number in the
     *                        encoder's output (Tribuo numbers columns by sorted feature name, the encoder by schema)
     * @param positiveClass   for {@code multi:softprob}, the XGBoost class index of the positive class (Tribuo's
     *                        label id); ignored for {@code binary:logistic}, whose positive class is label 1
     * @param zeroAsMissing   whether the training matrix left zero values out (then XGBoost saw them as missing)
     */
    public static GradientBoostedTrees read(byte[] json, int[] encodedIndex, int positiveClass, boolean zeroAsMissing) {
        JsonNode learner = parse(json).path("learner");
        String booster = learner.path("gradient_booster").path("name").asText();
        if (!"gbtree".equals(booster)) {
            throw invalid("booster `" + booster + "` is not supported; only gbtree is");
        }
        String objective = learner.path("objective").path("name").asText();
        float baseScore = parseFloat(learner.path("learner_model_param").path("base_score").asText(), "base_score");
        JsonNode model = learner.path("gradient_booster").path("model");
        JsonNode trees = model.path("trees");
        JsonNode treeInfo = model.path("tree_info");
        if (!trees.isArray() || trees.isEmpty() || treeInfo.size() != trees.size()) {
            throw invalid("the model has no trees, or tree_info does not give one class per tree");
        }
        List<BoostedTree> result = new ArrayList<>(trees.size());
        for (int t = 0; t < trees.size(); t++) {
            int outputClass = switch (objective) {
                case BINARY_LOGISTIC -> 1;
                case MULTI_SOFTPROB -> classOf(treeInfo.get(t).asInt(), positiveClass, learner);
                default -> throw invalid("objective `" + objective + "` is not supported; use " + BINARY_LOGISTIC
                        + " or " + MULTI_SOFTPROB + " with two classes");
            };
            result.add(tree(trees.get(t), t, outputClass, encodedIndex));
        }
        boolean logistic = BINARY_LOGISTIC.equals(objective);
        // binary:logistic keeps base_score as a probability and starts the margin at its logit; softprob uses it as is.
        float baseMargin = logistic ? (float) -Math.log(1.0 / baseScore - 1.0) : baseScore;
        return new GradientBoostedTrees(logistic ? GradientBoostedTrees.Objective.BINARY_LOGISTIC
                : GradientBoostedTrees.Objective.MULTI_SOFTPROB, baseMargin, zeroAsMissing, result);
    }

    private static int classOf(int group, int positiveClass, JsonNode learner) {
        int classes = learner.path("learner_model_param").path("num_class").asInt(-1);
        if (classes != 2) {
            throw invalid("multi:softprob must have 2 classes for a binary classifier, has " + classes);
        }
        if (positiveClass != 0 && positiveClass != 1) {
            throw new IllegalArgumentException("the positive class index must be 0 or 1, was " + positiveClass);
        }
        return group == positiveClass ? 1 : 0;
    }

    private static BoostedTree tree(JsonNode tree, int t, int outputClass, int[] encodedIndex) {
        int[] left = ints(tree.path("left_children"));
        int[] right = ints(tree.path("right_children"));
        int[] column = ints(tree.path("split_indices"));
        JsonNode conditions = tree.path("split_conditions");
        JsonNode defaults = tree.path("default_left");
        JsonNode types = tree.path("split_type");
        int nodes = left.length;
        if (nodes == 0 || right.length != nodes || column.length != nodes || conditions.size() != nodes
                || defaults.size() != nodes) {
            throw invalid("tree " + t + " has node arrays of different lengths");
        }
        int[] order = breadthFirst(left, right, t);
        int[] renumbered = new int[nodes];
        java.util.Arrays.fill(renumbered, TreeShape.NONE);
        for (int i = 0; i < order.length; i++) {
            renumbered[order[i]] = i;
        }
        int size = order.length;
        int[] feature = new int[size];
        float[] threshold = new float[size];
        int[] newLeft = new int[size];
        int[] newRight = new int[size];
        boolean[] defaultLeft = new boolean[size];
        float[] value = new float[size];
        for (int i = 0; i < size; i++) {
            int old = order[i];
            if (left[old] == TreeShape.NONE) {
                feature[i] = TreeShape.NONE;
                newLeft[i] = TreeShape.NONE;
                newRight[i] = TreeShape.NONE;
                value[i] = (float) conditions.get(old).asDouble();
                continue;
            }
            if (types.size() == nodes && types.get(old).asInt() != 0) {
                throw invalid("tree " + t + " has a categorical split; only numeric splits are supported");
            }
            if (column[old] < 0 || column[old] >= encodedIndex.length) {
                throw invalid("tree " + t + " splits on column " + column[old] + ", but " + encodedIndex.length
                        + " columns are mapped");
            }
            feature[i] = encodedIndex[column[old]];
            threshold[i] = (float) conditions.get(old).asDouble();
            newLeft[i] = renumbered[left[old]];
            newRight[i] = renumbered[right[old]];
            JsonNode defaultNode = defaults.get(old);
            defaultLeft[i] = defaultNode.isBoolean() ? defaultNode.booleanValue() : defaultNode.asInt() != 0;
        }
        return new BoostedTree(outputClass, feature, threshold, newLeft, newRight, defaultLeft, value);
    }

    /** Node ids in breadth-first order from the root; a node met twice or a child out of range is a corrupt tree. */
    private static int[] breadthFirst(int[] left, int[] right, int t) {
        int[] order = new int[left.length];
        boolean[] seen = new boolean[left.length];
        int size = 0;
        order[size++] = 0;
        seen[0] = true;
        for (int next = 0; next < size; next++) {
            int node = order[next];
            if (left[node] == TreeShape.NONE) {
                continue;
            }
            for (int child : new int[] {left[node], right[node]}) {
                if (child < 0 || child >= left.length || seen[child]) {
                    throw invalid("tree " + t + " is not a tree: node " + node + " points to " + child);
                }
                seen[child] = true;
                order[size++] = child;
            }
        }
        return java.util.Arrays.copyOf(order, size);
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static float parseFloat(String text, String what) {
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw invalid(what + " `" + text + "` is not a number");
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("the XGBoost model is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_ARTIFACT, detail);
    }
}
