package io.flywheel.shared.inference;

/**
 * One output tensor of a response ({@code $response_output}).
 *
 * @param name     the output's name
 * @param shape    its dimensions
 * @param datatype its datatype
 * @param data     its elements in row-major order: a {@code double[]} or a {@code String[]}
 */
public record ResponseOutput(String name, long[] shape, String datatype, Object data) {

    /** A one-dimensional tensor of numbers. */
    public static ResponseOutput of(String name, double[] values) {
        return new ResponseOutput(name, new long[] {values.length}, Datatype.FP64.name(), values);
    }

    /** A one-dimensional tensor of strings. */
    public static ResponseOutput of(String name, String[] values) {
        return new ResponseOutput(name, new long[] {values.length}, Datatype.BYTES.name(), values);
    }
}
