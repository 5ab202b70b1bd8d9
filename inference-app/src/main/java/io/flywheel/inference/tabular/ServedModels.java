package io.flywheel.inference.tabular;

import io.flywheel.inference.deployment.DeploymentSettings;
import io.flywheel.shared.problem.ProblemException;
import io.flywheel.shared.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tabular models this pod serves, by name. The map is replaced whole on every change (copy on write) and each
 * {@link ServingState} is immutable, so a request reads one volatile reference and then holds a consistent state:
 * a swap never makes a request fail or see half of a version. Models that mlops-app deploys but that have no loadable
 * version yet answer 503 with {@code Retry-After}; unknown ones 404.
 */
@ApplicationScoped
public class ServedModels {

    private final Duration retryAfter;
    private final boolean waitForDeployments;
    private final Map<String, String> unavailable = new ConcurrentHashMap<>();
    private volatile Map<String, ServingState> states = Map.of();
    private volatile boolean deploymentsReceived;

    public ServedModels(DeploymentSettings settings) {
        this.retryAfter = settings.pollInterval();
        this.waitForDeployments = settings.enabled();
    }

    /**
     * The state of a model, to answer a request with.
     *
     * @throws ProblemException 404 when no such model is served, 503 with {@code Retry-After} when it is deployed
     *                          but not loaded (or when mlops-app has not been heard from yet)
     */
    public ServingState require(String model) {
        ServingState state = states.get(model);
        if (state != null) {
            return state;
        }
        String why = unavailable.get(model);
        if (why != null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "model `" + model + "` has no version loaded yet: "
                    + why).withRetryAfter(retryAfter);
        }
        if (waitForDeployments && !deploymentsReceived) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "this pod has not yet learnt from mlops-app which "
                    + "models to serve").withRetryAfter(retryAfter);
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "no model `" + model + "` is served here; served: "
                + (states.isEmpty() ? "none" : String.join(", ", new TreeSet<>(states.keySet()))));
    }

    /**
     * A served version of a model, named explicitly.
     *
     * @throws ProblemException as {@link #require(String)}, and 404 when that version is not among those served
     */
    public ServedVersion require(String model, String version) {
        ServingState state = require(model);
        return state.version(version).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "version "
                + version + " of model `" + model + "` is not served here; served: " + state.versions().stream()
                .map(ServedVersion::label).toList()));
    }

    public Optional<ServingState> find(String model) {
        return Optional.ofNullable(states.get(model));
    }

    /** Every served model and its state, as of now. */
    public Map<String, ServingState> all() {
        return states;
    }

    /**
     * Serves {@code state} for the model from now on; returns the state it replaced, if any. The meters of versions
     * that are no longer served are removed (requests still holding them finish unharmed).
     */
    public synchronized Optional<ServingState> swap(String model, ServingState state) {
        Map<String, ServingState> next = new HashMap<>(states);
        ServingState previous = next.put(model, state);
        states = Map.copyOf(next);
        unavailable.remove(model);
        retire(previous, state);
        return Optional.ofNullable(previous);
    }

    /** Stops serving the model; returns the state it had, if any. */
    public synchronized Optional<ServingState> remove(String model) {
        unavailable.remove(model);
        if (!states.containsKey(model)) {
            return Optional.empty();
        }
        Map<String, ServingState> next = new HashMap<>(states);
        ServingState previous = next.remove(model);
        states = Map.copyOf(next);
        retire(previous, null);
        return Optional.of(previous);
    }

    private static void retire(ServingState previous, ServingState next) {
        if (previous != null) {
            previous.versions().stream().filter(version -> next == null || !next.versions().contains(version))
                    .forEach(version -> version.metrics().remove());
        }
    }

    /** The model is deployed but none of its versions can be served, for this reason. */
    public void unavailable(String model, String why) {
        if (!states.containsKey(model)) {
            unavailable.put(model, why);
        }
    }

    /** The names of models deployed but not loadable, and why. */
    public Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    /** mlops-app's deployments have been received and applied once. */
    public void deploymentsReceived() {
        deploymentsReceived = true;
    }

    public boolean hasReceivedDeployments() {
        return deploymentsReceived || !waitForDeployments;
    }
}
