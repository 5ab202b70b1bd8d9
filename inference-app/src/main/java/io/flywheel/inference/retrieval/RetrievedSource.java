package io.flywheel.inference.retrieval;

/**
 * One passage the assistant was given, as it is shown to clients and logged for feedback: where it comes from
 * (document, chunk id, section, character offsets in the document), its text and how close it was to the question.
 *
 * @param document the source document's name
 * @param chunk    the passage's id in its index version, {@code <document>#<n>}
 * @param section  the heading the passage is under
 * @param start    offset of its first character in the document
 * @param end      offset after its last character
 * @param text     the passage
 * @param score    cosine similarity to the question, -1..1
 */
public record RetrievedSource(String document, String chunk, String section, int start, int end, String text,
                              double score) {
}
