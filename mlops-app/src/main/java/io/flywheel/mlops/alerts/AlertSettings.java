package io.flywheel.mlops.alerts;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How {@code POST /api/alerts} authenticates its senders (docs/governance.md, "Signing"). */
@ConfigMapping(prefix = "flywheel.alerts")
public interface AlertSettings {

    /**
     * The HMAC-SHA256 keys a sender may sign with (the first is current; more than one while a key is rotated), from the
     * Secret {@code flywheel-alerts}. None configured: every external alert is refused.
     */
    Optional<List<String>> signingKeys();

    /** How far a request's timestamp may be from this server's clock, either way; older requests are stale (401). */
    @WithDefault("5m")
    Duration tolerance();

    /** The largest body accepted, in bytes (Alertmanager's {@code max_alerts} keeps groups small). */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** How many alerts a list returns at most. */
    @WithDefault("200")
    int maxListed();
}
