package io.flywheel.mlops.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How much each page of the operator dashboard shows. */
@ConfigMapping(prefix = "flywheel.dashboard")
public interface DashboardSettings {

    /** Versions of each model shown side by side, newest first. */
    @WithDefault("4")
    int versionsPerModel();

    /** Job runs shown, newest first. */
    @WithDefault("30")
    int jobRuns();

    /** Audit entries shown, newest first. */
    @WithDefault("50")
    int auditEntries();

    /** Logged predictions replayed when the page does not say how many. */
    @WithDefault("20")
    int replayRows();

    /** Logged predictions replayed at most in one request, which scores them all in the app. */
    @WithDefault("200")
    int replayMaxRows();

    /** Drift reports listed per model on the drift page, newest first (the newest one is charted). */
    @WithDefault("5")
    int driftReportsPerModel();

    /** Rollouts shown on the rollouts page, active ones first, then the newest finished ones. */
    @WithDefault("20")
    int rollouts();
}
