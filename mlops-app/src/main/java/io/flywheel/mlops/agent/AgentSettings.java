package io.flywheel.mlops.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/** The remediation agent: approval tiers per action, execution limits, and the targets of its actions. */
@ConfigMapping(prefix = "flywheel.agent")
public interface AgentSettings {

    /** The tier of each action type (auto, approval, human-only); delete-data is human-only whatever is set. */
    Tiers tiers();

    /** Actions running at once; more wait in the queue. */
    @WithDefault("2")
    int executionThreads();

    /** Actions waiting to run at most; one more is recorded as failed rather than queued without bound. */
    @WithDefault("100")
    int executionQueue();

    /** How long running actions may finish at shutdown before they are interrupted. */
    @WithDefault("10s")
    Duration shutdownGrace();

    /** Below this severity score an alert is only logged, not notified. */
    @WithDefault("0.3")
    double notifyFrom();

    /** Scaling out the inference Deployment. */
    Scale scale();

    /** Optional HTTP hooks for actions without a platform API. */
    Hooks hooks();

    /** The tier of each action type. */
    interface Tiers {
        @WithDefault("auto")
        Tier log();

        @WithName("notify")
        @WithDefault("auto")
        Tier notification();

        @WithDefault("auto")
        Tier scaleOut();

        @WithDefault("auto")
        Tier clearCache();

        @WithDefault("approval")
        Tier retrain();

        @WithDefault("approval")
        Tier deploy();

        @WithDefault("approval")
        Tier rollback();

        @WithDefault("approval")
        Tier changeConfig();

        @WithDefault("human-only")
        Tier deleteData();
    }

    /** How scale-out reaches the inference pods. */
    interface Scale {

        /** {@code none} (not available), {@code kubernetes} (patch the Deployment's scale) or {@code hook}. */
        @WithDefault("none")
        String mode();

        /** The Deployment to scale. */
        @WithDefault("inference-app")
        String deployment();

        /** Its namespace; empty: the namespace of the Kubernetes client's configuration (the pod's own). */
        Optional<String> namespace();

        /** Replicas added per action. */
        @WithDefault("1")
        int step();

        /** Never scale beyond this many replicas (keep it at or under the HPA's maximum). */
        @WithDefault("20")
        int maxReplicas();

        /** With mode {@code hook}: the URL that receives {@code {"deployment", "step"}} as a JSON POST. */
        Optional<String> hookUrl();
    }

    /** HTTP hooks: a JSON POST with the action; a 2xx answer counts as done. */
    interface Hooks {

        /** Clears the inference caches; unset: clear-cache is not available. */
        Optional<String> clearCacheUrl();

        /** Timeout of one hook call. */
        @WithDefault("10s")
        Duration timeout();
    }
}
