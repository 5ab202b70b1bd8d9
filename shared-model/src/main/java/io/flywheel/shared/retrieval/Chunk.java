package io.flywheel.shared.retrieval;

import java.util.Objects;

/**
 * A passage of a source document, the unit that is embedded and retrieved.
 *
 * @param document the source document's name, e.g. {@code programming.rst}
 * @param id       stable within an index version: {@code <document>#<ordinal>}
 * @param section  the heading the passage is under ("" before the first heading)
 * @param start    offset of the first character in the document (UTF-16 chars, as Java strings count)
 * @param end      offset after the last character
 * @param text     the passage itself: exactly {@code documentText.substring(start, end)}
 */
public record Chunk(String document, String id, String section, int start, int end, String text) {

    public Chunk {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(text, "text");
        if (start < 0 || end < start || end - start != text.length()) {
            throw new IllegalArgumentException("chunk " + id + " has offsets " + start + ".." + end
                    + " that do not fit its " + text.length() + " characters");
        }
    }

    /** Whether this passage shares at least one character with {@code [from, to)} of the same document. */
    public boolean overlaps(String otherDocument, int from, int to) {
        return document.equals(otherDocument) && start < to && from < end;
    }
}
