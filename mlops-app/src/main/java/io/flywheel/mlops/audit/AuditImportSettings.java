package io.flywheel.mlops.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How inference-app's audit events are chained into the platform's audit log. */
@ConfigMapping(prefix = "flywheel.audit.import")
public interface AuditImportSettings {

    /** How often new events are taken in; an event is in the chain at most this long after it was written. */
    @WithDefault("30s")
    Duration interval();

    /** Events taken per transaction. */
    @WithDefault("500")
    int batch();
}
