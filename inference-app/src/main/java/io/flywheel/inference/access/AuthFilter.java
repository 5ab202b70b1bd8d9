package io.flywheel.inference.access;

import io.flywheel.shared.access.KeyGrant;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates {@code /v1} and {@code /v2} requests by their {@code Authorization: Bearer} key (401 without a known
 * one) and applies the key's request rate (429 with {@code Retry-After}). The caller is left on the request for the
 * resources. Health, metrics and OpenAPI under {@code /q} stay open for probes and scrapers.
 */
public class AuthFilter {

    private static final String BEARER = "Bearer ";
    private static final Duration KEYS_NOT_LOADED_RETRY = Duration.ofSeconds(5);

    private final AccessSettings settings;
    private final KeyRing ring;
    private final RateLimiter limiter;

    public AuthFilter(AccessSettings settings, KeyRing ring, RateLimiter limiter) {
        this.settings = settings;
        this.ring = ring;
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/v1/") && !path.startsWith("/v2/")) {
            return;
        }
        if (!settings.enabled()) {
            request.setProperty(Caller.PROPERTY, Caller.anonymous());
            return;
        }
        if (!ring.loaded()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "API keys are not yet loaded from mlops-app")
                    .withRetryAfter(KEYS_NOT_LOADED_RETRY);
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ProblemException(ProblemType.UNAUTHORIZED, "an API key is required: Authorization: Bearer <key>");
        }
        KeyGrant grant = ring.find(header.substring(BEARER.length()).trim()).orElseThrow(() ->
                new ProblemException(ProblemType.UNAUTHORIZED, "the API key is unknown or revoked"));
        Duration wait = limiter.acquire(grant);
        if (!wait.isZero()) {
            throw new ProblemException(ProblemType.RATE_LIMITED, "key '" + grant.name() + "' is limited to "
                    + grant.requestsPerSecond() + " requests per second").withRetryAfter(wait);
        }
        request.setProperty(Caller.PROPERTY, new Caller(grant));
    }

    /** The caller the filter left on the request; a path the filter does not guard has none (fail closed). */
    public static Caller callerOf(ContainerRequestContext request) {
        if (request.getProperty(Caller.PROPERTY) instanceof Caller known) {
            return known;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "this endpoint has no authenticated caller");
    }
}
