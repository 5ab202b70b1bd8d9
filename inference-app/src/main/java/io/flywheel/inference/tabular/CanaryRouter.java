package io.flywheel.inference.tabular;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses the version that answers a request. With a routing key the choice is sticky: the key (with the model name,
 * so that a caller is not the canary of every model at once) is hashed to a point in [0, 1), and the canary answers
 * when the point is below its weight; raising the weight only moves keys from stable to canary, never back. Without a
 * key the point is drawn at random.
 */
public final class CanaryRouter {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final double UNIT = 0x1.0p-53;

    private CanaryRouter() {
    }

    /** The version for a request with this routing key, or at random when the key is {@code null}. */
    public static ServedVersion route(ServingState state, String routingKey) {
        if (state.canary() == null || state.canaryWeight() <= 0) {
            return state.stable();
        }
        double point = routingKey == null ? ThreadLocalRandom.current().nextDouble()
                : point(state.stable().model(), routingKey);
        return point < state.canaryWeight() ? state.canary() : state.stable();
    }

    /** Where a key falls in [0, 1) for a model: FNV-1a over both, then a 64-bit finalizer so near keys spread out. */
    static double point(String model, String key) {
        long hash = FNV_OFFSET;
        hash = mix(hash, model);
        hash *= FNV_PRIME; // a separator, so that ("ab", "c") and ("a", "bc") differ
        hash = mix(hash, key);
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return (hash >>> 11) * UNIT;
    }

    private static long mix(long hash, String text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }
}
