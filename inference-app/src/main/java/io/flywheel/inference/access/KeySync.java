package io.flywheel.inference.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.inference.mlops.MlopsClient;
import io.flywheel.shared.access.KeyGrants;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Polls mlops-app for the active keys with {@code If-None-Match}, so an unchanged set costs a 304. Non-blocking (Vert.x
 * HTTP client on the event loop), with a timeout; a failed poll keeps the last known keys and is retried at the next
 * tick.
 */
@ApplicationScoped
public class KeySync {

    private static final Logger LOG = Logger.getLogger(KeySync.class);
    private static final String PATH = "/internal/keys";
    private static final int OK = 200;
    private static final int NOT_MODIFIED = 304;
    /** A key set is a few hundred bytes per key; this bounds what a confused server can make us buffer. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final AccessSettings settings;
    private final KeyRing ring;
    private final ObjectMapper json;
    private final MlopsClient mlops;
    private volatile String etag;
    private volatile boolean failing;

    public KeySync(AccessSettings settings, KeyRing ring, ObjectMapper json, MlopsClient mlops) {
        this.settings = settings;
        this.ring = ring;
        this.json = json;
        this.mlops = mlops;
    }

    void atStart(@Observes StartupEvent start) {
        if (!settings.enabled()) {
            LOG.warn("API keys are OFF (flywheel.access.enabled=false): anyone reaching this pod may use /v1 and /v2 "
                    + "without a key or a quota. Turn them on in every shared environment.");
            return;
        }
        poll().subscribe().with(ignored -> { }, failure -> { });
    }

    @Scheduled(every = "${flywheel.access.sync-interval:10s}", delayed = "${flywheel.access.sync-interval:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return settings.enabled() ? poll() : Uni.createFrom().voidItem();
    }

    /** One poll; never fails (a failure is logged once per outage and the known keys stay). */
    public Uni<Void> poll() {
        return mlops.get(PATH, etag, settings.syncTimeout(), MAX_BYTES)
                .map(this::handle)
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Void handle(MlopsClient.Answer answer) {
        if (answer.status() == NOT_MODIFIED) {
            recovered();
            return null;
        }
        if (answer.status() != OK) {
            failed(new IOException("mlops-app answered " + answer.status() + " on " + PATH));
            return null;
        }
        try {
            KeyGrants grants = json.readValue(answer.body().getBytes(), KeyGrants.class);
            ring.replace(grants.keys());
            etag = answer.etag();
            recovered();
            LOG.debugf("API keys synchronised: %d active", grants.keys().size());
        } catch (IOException e) {
            failed(e);
        }
        return null;
    }

    private void failed(Throwable failure) {
        if (!failing) {
            failing = true;
            LOG.warnf("cannot synchronise API keys from %s (%s); serving with the %d keys known", mlops.url(),
                    failure.getMessage(), ring.size());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.infof("API keys synchronised again from %s", mlops.url());
        }
    }
}
