package io.flywheel.mlops.training;

import io.flywheel.mlops.alerts.PlatformAlert;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every {@link PlatformAlert} the app fires, so that tests can see what was raised. */
@ApplicationScoped
public class AlertRecorder {

    private final List<PlatformAlert> alerts = new CopyOnWriteArrayList<>();

    void record(@ObservesAsync PlatformAlert alert) {
        alerts.add(alert);
    }

    public List<PlatformAlert> alerts() {
        return List.copyOf(alerts);
    }
}
