package io.flywheel.shared.retrieval;

/**
 * How documents are cut into passages: sections are split on headings, then a section longer than
 * {@code maxChars} is cut on sentence boundaries into passages of at most {@code maxChars}, each repeating up to
 * {@code overlapChars} of the end of the previous one so that a fact on a boundary is in one passage whole.
 *
 * @param maxChars     the longest passage, in characters
 * @param overlapChars how much of the previous passage the next one repeats; less than {@code maxChars}
 */
public record ChunkingParams(int maxChars, int overlapChars) {

    /** The default: about 150–250 MiniLM word pieces per passage, well inside its 256-token window. */
    public static final ChunkingParams DEFAULT = new ChunkingParams(800, 100);

    public ChunkingParams {
        if (maxChars < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1 character, was " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars) {
            throw new IllegalArgumentException("chunk overlap must be within 0.." + (maxChars - 1) + ", was " + overlapChars);
        }
    }
}
