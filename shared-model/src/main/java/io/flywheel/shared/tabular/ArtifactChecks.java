package io.flywheel.shared.tabular;

/** The checks every part of an artifact runs when it is built or read, with messages that name the part. */
final class ArtifactChecks {

    private ArtifactChecks() {
    }

    static String requireName(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-blank name");
        }
        return value;
    }

    static double requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, was " + value);
        }
        return value;
    }

    static <T> T requirePresent(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }

    static void requireFinite(double[] values, String what) {
        requirePresent(values, what);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }

    static void requireFinite(float[] values, String what) {
        requirePresent(values, what);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] must be finite, was " + values[i]);
            }
        }
    }
}
