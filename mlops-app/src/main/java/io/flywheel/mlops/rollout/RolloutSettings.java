package io.flywheel.mlops.rollout;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The rollout controller: canary steps, how long each is held, the analysis thresholds and how pods are found. */
@ConfigMapping(prefix = "flywheel.rollout")
public interface RolloutSettings {

    /** Canary weights of the steps, ascending; the last must be 1 (all traffic) before promotion. */
    @WithDefault("0.05,0.25,0.5,1.0")
    List<Double> steps();

    /** How long each step is held before its analysis (also the pause between inconclusive analyses). */
    @WithDefault("5m")
    Duration interval();

    /**
     * Deadline of one analysis (scrapes, live accuracy, applying the verdict). Ticks never overlap, so an analysis that
     * never completed would freeze every rollout; past this it is abandoned and retried on the next tick.
     */
    @WithDefault("60s")
    Duration analysisTimeout();

    /** How often the controller looks for due steps; state lives in PostgreSQL, so a tick is cheap and restartable. */
    @WithDefault("5s")
    String tick();

    /** Whether this process drives rollouts on its tick (off: only the API changes them). */
    @WithDefault("true")
    boolean controllerEnabled();

    /** Analysis thresholds. */
    Thresholds thresholds();

    /** How inference pods are found and scraped. */
    Pods pods();

    /** What fails an analysis, and how much evidence it needs. */
    interface Thresholds {

        /** Canary errors over its requests (refused or failed) above this fail the step. */
        @WithDefault("0.05")
        double maxErrorRate();

        /** Canary p95 latency above this fails the step. */
        @WithDefault("1000ms")
        Duration maxP95();

        /** PSI of the canary's predicted probabilities against stable's, in the same window, above this fails. */
        @WithDefault("0.25")
        double maxPredictionPsi();

        /** Canary accuracy on labelled feedback this far below stable's fails (quality drop). */
        @WithDefault("0.05")
        double maxAccuracyDrop();

        /** Fewest canary requests in a step for a conclusive analysis; fewer holds the step. */
        @WithDefault("50")
        long minRequests();

        /** Fewest scored rows on each side for the prediction-distribution comparison. */
        @WithDefault("100")
        long minDistributionRows();

        /** Fewest labelled predictions on each side for the accuracy comparison. */
        @WithDefault("30")
        long minLabelled();
    }

    /** Inference pods: where their metrics are. */
    interface Pods {

        /** {@code static} (the configured URLs), {@code dns} (every A record of a headless Service) or
         * {@code kubernetes} (pods by label selector). */
        @WithDefault("static")
        String discovery();

        /** The pods' base URLs for {@code static}; the embedded default is the one local inference-app. */
        @WithDefault("http://127.0.0.1:8080")
        List<String> urls();

        /** The headless Service's name for {@code dns}, e.g. {@code inference-app-pods.flywheel.svc.cluster.local}. */
        Optional<String> dnsName();

        /** Label selector of inference pods for {@code kubernetes}. */
        @WithDefault("app.kubernetes.io/name=inference-app")
        String selector();

        /** Namespace for {@code kubernetes}; default: mlops-app's own. */
        Optional<String> namespace();

        /** The pods' HTTP port for {@code dns} and {@code kubernetes}. */
        @WithDefault("8080")
        int port();

        /** Path of the Prometheus metrics on a pod. */
        @WithDefault("/q/metrics")
        String metricsPath();

        /** Deadline of one pod's scrape; a pod that misses it makes the analysis inconclusive. */
        @WithDefault("3s")
        Duration scrapeTimeout();
    }
}
