package io.flywheel.shared.safety;

import java.util.Objects;

/**
 * One piece of personal data found in a text: its kind, its span ({@code [start, end)} in UTF-16 units) and how sure
 * the detector is (0..1). The value itself is not kept here, so findings can be logged and returned to clients.
 */
public record PiiFinding(PiiType type, int start, int end, double confidence) {

    public PiiFinding {
        Objects.requireNonNull(type, "type");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("empty or negative span [" + start + ", " + end + ")");
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(PiiFinding other) {
        return start < other.end && other.start < end;
    }

    /** The found value in the text it was found in. */
    public String valueIn(CharSequence text) {
        return text.subSequence(start, end).toString();
    }
}
