package io.flywheel.inference.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports how the prediction log fares (buffered, written, dropped rows, and the database's last failure) without
 * ever making the pod unready: a pod without its database still answers from memory, and drops log rows, counted.
 */
@Readiness
@ApplicationScoped
public class PredictionLogHealth implements HealthCheck {

    private final PredictionLog log;

    public PredictionLogHealth(PredictionLog log) {
        this.log = log;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("prediction-log").up()
                .withData("buffered", log.buffered())
                .withData("written", log.written())
                .withData("dropped", log.dropped())
                .withData("database", log.lastFailure() == null ? "writing" : "last write failed at " + log.lastFailure());
        return response.build();
    }
}
