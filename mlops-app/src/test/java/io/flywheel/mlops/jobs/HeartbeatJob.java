package io.flywheel.mlops.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only job with no schedule of its own; {@link JobCronTest} gives it a one-minute cron through configuration,
 * to show that the app's scheduler starts jobs by itself (other tests run without it, so nothing runs behind them).
 */
@ApplicationScoped
public class HeartbeatJob implements Job {

    static final String NAME = "test-heartbeat";
    private final AtomicInteger beats = new AtomicInteger();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "counts its runs, every minute";
    }

    @Override
    public Map<String, Object> run(JobContext context) {
        return Map.of("beat", beats.incrementAndGet());
    }
}
