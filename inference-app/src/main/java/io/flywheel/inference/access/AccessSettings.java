package io.flywheel.inference.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** API keys and quotas of the inference endpoints; keys and their limits are managed in mlops-app. */
@ConfigMapping(prefix = "flywheel.access")
public interface AccessSettings {

    /**
     * Whether {@code /v1} and {@code /v2} need an API key. Off in the embedded default (a warning is logged at start);
     * on in every deployed environment.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The token this pod presents to mlops-app ({@code Authorization: Bearer}) on every call, from the Secret both apps
     * share; needed when mlops-app's access control is on (it grants the {@code inference-pod} and {@code viewer} roles
     * there).
     */
    Optional<String> podToken();

    /**
     * How often the keys are polled from mlops-app ({@code flywheel.mlops.url}); a revoked key stops working within
     * this interval.
     */
    @WithDefault("10s")
    Duration syncInterval();

    /** Timeout of one poll. */
    @WithDefault("2s")
    Duration syncTimeout();

    /**
     * Tokens a pod takes from a key's daily budget in PostgreSQL at once, then spends locally without a database round
     * trip. Larger leases mean fewer database writes; a pod may hold up to this many tokens unused (so a key can be
     * refused that many tokens before its budget is spent, per pod).
     */
    @WithDefault("2000")
    int leaseTokens();

    /** How long a request waits for a lease from the database before the budget counts as unverifiable (503). */
    @WithDefault("2s")
    Duration leaseTimeout();

    /**
     * Burst of the requests-per-second bucket, in seconds of rate: a key with 10 rps and a 1 s burst may send 10
     * requests at once, then 10 per second.
     */
    @WithDefault("1")
    double burstSeconds();
}
