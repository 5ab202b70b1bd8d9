package io.flywheel.mlops.alerts;

import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

/**
 * Hands the platform's own alerts (fired with {@code Event<PlatformAlert>.fireAsync}) to the agent, like those from
 * Alertmanager but without a signature: they never left the process.
 */
@ApplicationScoped
public class PlatformAlertListener {

    private static final Logger LOG = Logger.getLogger(PlatformAlertListener.class);

    private final AlertIntake intake;

    public PlatformAlertListener(AlertIntake intake) {
        this.intake = intake;
    }

    void on(@ObservesAsync PlatformAlert alert) throws Throwable {
        // async observers run on a worker thread; Hibernate Reactive needs a Vert.x context
        Receipt receipt = VertxContextSupport.subscribeAndAwait(() -> intake.receive(alert));
        LOG.debugf("platform alert %s/%s stored as %s", alert.source(), alert.kind(), receipt.alerts().get(0).id());
    }
}
