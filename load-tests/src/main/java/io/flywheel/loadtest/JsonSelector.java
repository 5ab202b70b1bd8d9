package io.flywheel.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a value out of an answer with the part of k6's selector syntax (GJSON, what {@code Response.json(selector)}
 * takes) that the scenario file uses, so that both drivers capture the same field: dot-separated steps, each a field
 * name, an array index, or {@code #(field=="value")} for the first array element whose field has that value, e.g.
 * {@code outputs.#(name=="prediction_id").data.0}.
 */
final class JsonSelector {

    private static final Pattern QUERY = Pattern.compile("#\\((\\w+)==\"([^\"]*)\"\\)");

    private JsonSelector() {
    }

    /** The selected value, or a missing node when the path leads nowhere. */
    static JsonNode select(JsonNode root, String selector) {
        JsonNode node = root;
        for (String step : selector.split("\\.")) {
            node = step(node, step);
            if (node.isMissingNode()) {
                break;
            }
        }
        return node;
    }

    private static JsonNode step(JsonNode node, String step) {
        Matcher query = QUERY.matcher(step);
        if (query.matches()) {
            for (JsonNode element : node) {
                if (element.path(query.group(1)).asText().equals(query.group(2)) && element.has(query.group(1))) {
                    return element;
                }
            }
            return MissingNode.getInstance();
        }
        if (node.isArray() && step.chars().allMatch(Character::isDigit)) {
            return node.path(Integer.parseInt(step));
        }
        return node.path(step);
    }
}
