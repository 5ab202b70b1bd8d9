package io.flywheel.shared.golden;

/**
 * Where the answer to a golden question is: characters {@code [start, end)} of a source document. A retrieved
 * passage that overlaps it is a hit, whatever the chunking of the index — so indexes cut differently are judged
 * against the same truth.
 */
public record ExpectedSpan(String document, int start, int end) {

    public ExpectedSpan {
        if (document == null || document.isBlank() || start < 0 || end <= start) {
            throw new IllegalArgumentException("an expected span needs a document and a non-empty range, was "
                    + document + " [" + start + ", " + end + ")");
        }
    }
}
