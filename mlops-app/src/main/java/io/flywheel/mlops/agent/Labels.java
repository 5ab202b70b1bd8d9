package io.flywheel.mlops.agent;

import java.util.Locale;

/** The kebab-case labels the API and the configuration use for the agent's enums ({@code scale-out}, {@code human-only}). */
final class Labels {

    private Labels() {
    }

    static String of(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose label is the text, in any case; {@code fallback} for anything else. */
    static <E extends Enum<E>> E parse(Class<E> type, String label, E fallback) {
        if (label != null) {
            for (E value : type.getEnumConstants()) {
                if (of(value).equalsIgnoreCase(label.trim())) {
                    return value;
                }
            }
        }
        return fallback;
    }
}
