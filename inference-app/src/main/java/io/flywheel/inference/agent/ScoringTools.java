package io.flywheel.inference.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.flywheel.inference.tabular.ServedModels;
import io.flywheel.inference.tabular.ServedVersion;
import io.flywheel.shared.data.ColumnType;
import io.flywheel.shared.data.Feature;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.tabular.TabularModel;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The agent's scorer: one row scored by a served tabular model with the same compiled model {@code /v2} uses (the
 * stable version in this pod's memory; no network call, no database). Bounded (a row of at most
 * {@link #MAX_ROW_CHARS} characters of JSON, only the model's features) and never throwing: a bad row is something
 * the agent can say. A {@code @Singleton} (no client proxy), so that langchain4j finds the {@code @Tool} method.
 */
@Singleton
public class ScoringTools {

    /** The longest row accepted, in characters of JSON: a row of a few dozen features fits many times over. */
    static final int MAX_ROW_CHARS = 8_000;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ServedModels served;

    public ScoringTools(ServedModels served) {
        this.served = served;
    }

    @Tool("Scores one row (e.g. a loan application) with a served tabular model and returns the probability of the "
            + "positive class and the predicted label. Use it for questions like 'what is the risk of this loan?'.")
    public String scoreRow(@P("the registry name of the served tabular model, e.g. credit-risk") String model,
                           @P("the row as a JSON object of feature name to value: numbers for numeric features, "
                                   + "strings for categorical ones; missing features may be left out") String row) {
        if (row == null || row.length() > MAX_ROW_CHARS) {
            return "the row must be a JSON object of at most " + MAX_ROW_CHARS + " characters";
        }
        ServedVersion version;
        try {
            version = served.require(model).stable();
        } catch (ProblemException notServed) {
            return "No tabular model named " + model + " is served here (" + notServed.problem().detail() + ").";
        }
        TabularModel compiled = version.compiled();
        Map<String, Object> values;
        try {
            values = values(compiled, JSON.readTree(row));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return "The row could not be read: " + e.getMessage();
        }
        try {
            double probability = compiled.scoreRow(values);
            return String.format(Locale.ROOT, "Model %s v%d scores this row %.4f for class '%s' (threshold %.4f): "
                            + "predicted '%s'. Features given: %d of %d.", model, version.version(), probability,
                    compiled.schema().positiveClass(), compiled.threshold(), compiled.label(probability),
                    values.size(), compiled.schema().features().size());
        } catch (ProblemException refused) {
            return "The model refused the row: " + refused.problem().detail();
        }
    }

    /** The row's values by feature, refusing names the model does not have and values of the wrong type. */
    private static Map<String, Object> values(TabularModel model, JsonNode row) {
        if (!row.isObject()) {
            throw new IllegalArgumentException("a row is a JSON object of feature name to value");
        }
        Map<String, Feature> features = model.schema().features().stream()
                .collect(Collectors.toMap(Feature::name, feature -> feature));
        Map<String, Object> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Feature feature = features.get(field.getKey());
            if (feature == null) {
                throw new IllegalArgumentException("the model has no feature '" + field.getKey() + "'; its features "
                        + "are " + String.join(", ", features.keySet().stream().sorted().toList()));
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                values.put(feature.name(), null);
            } else if (feature.type() == ColumnType.NUMERIC && value.isNumber()) {
                values.put(feature.name(), value.doubleValue());
            } else if (feature.type() != ColumnType.NUMERIC && value.isValueNode()) {
                values.put(feature.name(), value.asText());
            } else {
                throw new IllegalArgumentException("feature '" + feature.name() + "' takes "
                        + (feature.type() == ColumnType.NUMERIC ? "a number" : "a string"));
            }
        }
        return values;
    }
}
