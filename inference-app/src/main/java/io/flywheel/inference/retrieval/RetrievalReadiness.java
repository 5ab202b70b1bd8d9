package io.flywheel.inference.retrieval;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the embedding model is loaded, so that no pod takes traffic while the first questions would wait for
 * it. Which index is served is reported as data: a pod with no index yet still answers (tabular models, and the
 * assistant says it has no knowledge) rather than being taken out of the service.
 */
@Readiness
@ApplicationScoped
public class RetrievalReadiness implements HealthCheck {

    private final QueryEmbedder embedder;
    private final ActiveIndex active;

    public RetrievalReadiness(QueryEmbedder embedder, ActiveIndex active) {
        this.embedder = embedder;
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("retrieval")
                .status(embedder.isReady())
                .withData("embedding-model", embedder.isReady() ? embedder.id().id() : "loading");
        embedder.loadTime().ifPresent(took -> response.withData("embedding-model-load-ms", took.toMillis()));
        embedder.failure().ifPresent(failure -> response.withData("embedding-model-failure", failure));
        active.current().ifPresentOrElse(
                served -> response.withData("index", served.model() + " v" + served.version())
                        .withData("passages", served.index().chunks().size()),
                () -> response.withData("index", "none"));
        return response.build();
    }
}
