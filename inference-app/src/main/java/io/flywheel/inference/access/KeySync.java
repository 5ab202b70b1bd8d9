package io.flywheel.inference.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flywheel.shared.access.KeyGrants;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
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

    private final AccessSettings settings;
    private final KeyRing ring;
    private final ObjectMapper json;
    private final HttpClient http;
    private volatile String etag;
    private volatile boolean failing;

    public KeySync(AccessSettings settings, KeyRing ring, ObjectMapper json, Vertx vertx) {
        this.settings = settings;
        this.ring = ring;
        this.json = json;
        this.http = vertx.createHttpClient();
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
        URI base = URI.create(settings.mlopsUrl());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setHost(base.getHost()).setPort(base.getPort() < 0 ? 80 : base.getPort())
                .setURI(PATH).setTimeout(settings.syncTimeout().toMillis());
        if (etag != null) {
            options.addHeader("If-None-Match", etag);
        }
        settings.podToken().ifPresent(token -> options.addHeader("Authorization", "Bearer " + token));
        return http.request(options)
                .chain(request -> request.send())
                .chain(response -> response.body().map(body -> handle(response, body)))
                .onFailure().invoke(this::failed)
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Void handle(HttpClientResponse response, Buffer body) {
        if (response.statusCode() == NOT_MODIFIED) {
            recovered();
            return null;
        }
        if (response.statusCode() != OK) {
            failed(new IOException("mlops-app answered " + response.statusCode() + " on " + PATH));
            return null;
        }
        try {
            KeyGrants grants = json.readValue(body.getBytes(), KeyGrants.class);
            ring.replace(grants.keys());
            etag = response.getHeader("ETag");
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
            LOG.warnf("cannot synchronise API keys from %s (%s); serving with the %d keys known", settings.mlopsUrl(),
                    failure.getMessage(), ring.size());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.infof("API keys synchronised again from %s", settings.mlopsUrl());
        }
    }
}
