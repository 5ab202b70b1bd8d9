package io.flywheel.shared.inference;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The tensor element types of the Open Inference Protocol (case-sensitive names, as the protocol spells them). */
public enum Datatype {
    BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES;

    private static final Map<String, Datatype> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    /** The datatype of that exact name, if the protocol defines one. */
    public static Optional<Datatype> of(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** Whether elements are whole numbers. */
    public boolean integral() {
        return name().startsWith("INT") || unsigned();
    }

    /** Whether elements are whole numbers that cannot be negative. */
    public boolean unsigned() {
        return name().startsWith("UINT");
    }

    /** Whether elements are numbers (integral or floating point); what numeric features accept. */
    public boolean numeric() {
        return integral() || name().startsWith("FP");
    }
}
