package io.flywheel.inference.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.flywheel.inference.assistant.AssistantSettings;
import io.flywheel.inference.mlops.MlopsClient;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The agent's window on the registry: a model's versions, stages and metrics from mlops-app
 * ({@code GET /api/models/{name}/versions}), with a timeout. Returns text for the model, never throws: a registry
 * that is away is something the agent can say. A {@code @Singleton} (no client proxy), so that langchain4j finds the
 * {@code @Tool} methods on the instance.
 */
@Singleton
public class RegistryTools {

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final int OK = 200;
    private static final int NOT_FOUND = 404;
    /** The model only ever reads the first {@code max-tool-result-chars} of it; this bounds what is buffered. */
    private static final long MAX_BYTES = 1024L * 1024;

    private final AssistantSettings settings;
    private final MlopsClient mlops;

    public RegistryTools(AssistantSettings settings, MlopsClient mlops) {
        this.settings = settings;
        this.mlops = mlops;
    }

    @Tool("Reports the status of a model in the Flywheel registry: its versions, their stages (None, Staging, "
            + "Production, Archived) and metrics. Use it for questions about a model's state, version or quality.")
    public String modelStatus(@P("the registry name of the model, e.g. loan-risk") String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            return "'" + name + "' is not a valid model name";
        }
        Duration timeout = settings.agent().registryTimeout();
        String path = "/api/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/versions";
        try {
            return mlops.get(path, null, timeout, MAX_BYTES)
                    .map(answer -> switch (answer.status()) {
                        case OK -> "Versions of model " + name + ": " + answer.body().toString();
                        case NOT_FOUND -> "The registry has no model named " + name + ".";
                        default -> "The registry answered " + answer.status() + " for model " + name + ".";
                    })
                    .await().atMost(timeout.plusMillis(timeout.toMillis() / 2));
        } catch (RuntimeException unreachable) {
            return "The registry could not be reached (" + unreachable.getMessage() + ").";
        }
    }
}
