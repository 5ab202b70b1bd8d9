package io.flywheel.shared.inference;

import java.util.Arrays;

/**
 * The elements of one tensor's {@code data}, flattened in row-major order whatever their nesting in the JSON, each
 * with the JSON kind it had. Numbers are kept as {@code double}s in a primitive array, so that a batch of numbers
 * costs no boxing; strings are only stored for tensors that have some.
 */
public final class TensorData {

    /** What an element was in the JSON. */
    public enum Kind { NUMBER, NON_FINITE, STRING, NULL, BOOLEAN }

    private static final Kind[] KINDS = Kind.values();
    private static final int INITIAL_CAPACITY = 16;

    private double[] numbers = new double[INITIAL_CAPACITY];
    private byte[] kinds = new byte[INITIAL_CAPACITY];
    private String[] strings;
    private int size;

    /** How many elements there are. */
    public int size() {
        return size;
    }

    public Kind kind(int index) {
        return KINDS[kinds[index]];
    }

    /** The value of a {@link Kind#NUMBER} or {@link Kind#NON_FINITE} element (1 or 0 for a boolean). */
    public double number(int index) {
        return numbers[index];
    }

    /** The text of a {@link Kind#STRING} element, else {@code null}. */
    public String string(int index) {
        return strings == null ? null : strings[index];
    }

    void addNumber(double value) {
        add(Double.isFinite(value) ? Kind.NUMBER : Kind.NON_FINITE, value);
    }

    void addString(String value) {
        if (strings == null) {
            strings = new String[numbers.length];
        }
        int index = add(Kind.STRING, Double.NaN);
        strings[index] = value;
    }

    void addNull() {
        add(Kind.NULL, Double.NaN);
    }

    void addBoolean(boolean value) {
        add(Kind.BOOLEAN, value ? 1 : 0);
    }

    private int add(Kind kind, double value) {
        if (size == numbers.length) {
            int capacity = size * 2;
            numbers = Arrays.copyOf(numbers, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            if (strings != null) {
                strings = Arrays.copyOf(strings, capacity);
            }
        }
        numbers[size] = value;
        kinds[size] = (byte) kind.ordinal();
        return size++;
    }
}
