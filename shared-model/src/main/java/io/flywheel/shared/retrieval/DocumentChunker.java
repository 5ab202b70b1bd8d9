package io.flywheel.shared.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a reStructuredText or Markdown document into passages: first into sections on its headings (so a passage
 * never mixes two questions of a FAQ), then each section longer than the chunk size on sentence boundaries — a
 * paragraph break or a sentence end — falling back to a space, and only for a single over-long word to a hard cut.
 * Consecutive passages of a section overlap by up to the configured number of characters, starting on a sentence
 * or word boundary. Sections with a heading and no text are skipped. Passages are exact slices of the document,
 * their offsets recorded.
 */
public final class DocumentChunker {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final ChunkingParams params;

    public DocumentChunker(ChunkingParams params) {
        this.params = params;
    }

    public ChunkingParams params() {
        return params;
    }

    /** The passages of one document, in document order, with ids {@code <document>#<n>}. */
    public List<Chunk> chunk(String document, String text) {
        List<Chunk> chunks = new ArrayList<>();
        for (Sections.Section section : Sections.of(text)) {
            if (text.substring(section.bodyStart(), section.end()).isBlank()) {
                continue;
            }
            split(document, text, section, chunks);
        }
        return chunks;
    }

    private void split(String document, String text, Sections.Section section, List<Chunk> chunks) {
        int position = skipSpace(text, section.start(), section.end());
        int end = trimEnd(text, position, section.end());
        while (position < end) {
            int limit = position + params.maxChars();
            int cut = limit >= end ? end : cutBefore(text, position, limit);
            int chunkEnd = trimEnd(text, position, cut);
            if (chunkEnd > position) {
                chunks.add(new Chunk(document, document + "#" + chunks.size(), section.heading(), position, chunkEnd,
                        text.substring(position, chunkEnd)));
            }
            if (cut >= end) {
                return;
            }
            position = skipSpace(text, nextStart(text, position, cut), end);
        }
    }

    /**
     * What is embedded for a passage: its text without heading adornment lines ({@code -----}) and with runs of
     * whitespace collapsed, since mean-pooled sentence embeddings are diluted by tokens that carry no meaning.
     * A passage that is nothing but adornment is embedded as it is.
     */
    public static String embeddingText(Chunk chunk) {
        StringBuilder text = new StringBuilder(chunk.text().length());
        for (String line : chunk.text().split("\n")) {
            if (!Sections.isAdornment(line)) {
                text.append(line).append(' ');
            }
        }
        String cleaned = WHITESPACE.matcher(text).replaceAll(" ").trim();
        return cleaned.isEmpty() ? chunk.text() : cleaned;
    }

    /** The best place to end a passage that starts at {@code from} and may not go past {@code limit}. */
    private static int cutBefore(String text, int from, int limit) {
        int sentence = -1;
        int space = -1;
        for (int i = limit; i > from; i--) {
            if (isSentenceBoundary(text, i)) {
                sentence = i;
                break;
            }
            if (space < 0 && Character.isWhitespace(text.charAt(i))) {
                space = i;
            }
        }
        if (sentence > from) {
            return sentence;
        }
        return space > from ? space : limit;
    }

    /** Where the next passage starts: on the first boundary at most {@code overlap} characters before the cut. */
    private int nextStart(String text, int previousStart, int cut) {
        if (params.overlapChars() == 0) {
            return cut;
        }
        int earliest = Math.max(previousStart + 1, cut - params.overlapChars());
        for (int i = earliest; i < cut; i++) {
            if (isSentenceBoundary(text, i)) {
                return i;
            }
        }
        for (int i = earliest; i < cut; i++) {
            if (Character.isWhitespace(text.charAt(i)) && !Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return cut;
    }

    /**
     * Whether a sentence ends just before {@code i}: the character at {@code i} is whitespace and before it comes a
     * full stop, question or exclamation mark (possibly closed by a quote or bracket), or a line break — so a blank
     * line, the end of a paragraph, ends a sentence too.
     */
    static boolean isSentenceBoundary(String text, int i) {
        if (i <= 0 || i >= text.length() || !Character.isWhitespace(text.charAt(i))) {
            return false;
        }
        int j = i - 1;
        while (j > 0 && ")]\"'”’".indexOf(text.charAt(j)) >= 0) {
            j--;
        }
        char c = text.charAt(j);
        if (c == '.' || c == '?' || c == '!') {
            return true;
        }
        return text.charAt(i) == '\n' && i + 1 < text.length() && isBlankLineAhead(text, i + 1);
    }

    private static boolean isBlankLineAhead(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!Character.isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpace(String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private static int trimEnd(String text, int from, int to) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }
}
