package io.flywheel.inference.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.flywheel.inference.access.AccessSettings;
import io.flywheel.inference.assistant.AssistantSettings;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.http.HttpClient;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    private final AssistantSettings settings;
    private final AccessSettings access;
    private final HttpClient http;

    public RegistryTools(AssistantSettings settings, AccessSettings access, Vertx vertx) {
        this.settings = settings;
        this.access = access;
        this.http = vertx.createHttpClient();
    }

    @Tool("Reports the status of a model in the Flywheel registry: its versions, their stages (None, Staging, "
            + "Production, Archived) and metrics. Use it for questions about a model's state, version or quality.")
    public String modelStatus(@P("the registry name of the model, e.g. loan-risk") String name) {
        if (name == null || !MODEL_NAME.matcher(name).matches()) {
            return "'" + name + "' is not a valid model name";
        }
        URI base = URI.create(settings.agent().registryUrl());
        String path = "/api/models/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/versions";
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort() < 0 ? 80 : base.getPort()).setURI(path)
                .setTimeout(settings.agent().registryTimeout().toMillis());
        // mlops-app with access on admits the pods' token (as a viewer)
        access.podToken().ifPresent(token -> options.addHeader("Authorization", "Bearer " + token));
        try {
            return http.request(options)
                    .chain(request -> request.send())
                    .chain(response -> response.body().map(body -> switch (response.statusCode()) {
                        case OK -> "Versions of model " + name + ": " + body.toString();
                        case NOT_FOUND -> "The registry has no model named " + name + ".";
                        default -> "The registry answered " + response.statusCode() + " for model " + name + ".";
                    }))
                    .await().atMost(settings.agent().registryTimeout().plusMillis(settings.agent().registryTimeout()
                            .toMillis() / 2));
        } catch (RuntimeException unreachable) {
            return "The registry could not be reached (" + unreachable.getMessage() + ").";
        }
    }
}
