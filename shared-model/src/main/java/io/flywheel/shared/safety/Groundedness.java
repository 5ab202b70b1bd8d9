package io.flywheel.shared.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How well an answer is supported by its sources, by lexical overlap: the share of the answer's sentences that are
 * supported, where a sentence is supported when at least {@code support} of its content words (lower case, three
 * letters or more or a number, not a stop word, a plural "s" dropped) occur in one single source. Sentences without
 * content words ("Yes.") claim nothing and are not counted; an answer without any counted sentence scores 1.
 * Cheap, deterministic and explainable; it rewards quoting and paraphrase with shared vocabulary, and does not judge
 * meaning. The golden-set evaluation uses the same measure so that the gate and the gateway agree.
 */
public final class Groundedness {

    /** The default share of a sentence's content words that one source must contain. */
    public static final double DEFAULT_SUPPORT = 0.5;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int MIN_WORD_LENGTH = 3;
    private static final Set<String> STOP_WORDS = Set.of(
            "the", "and", "for", "are", "but", "not", "you", "your", "all", "any", "can", "her", "was", "one", "our",
            "out", "has", "have", "had", "his", "how", "its", "may", "who", "did", "does", "get", "use", "with", "this",
            "that", "these", "those", "from", "they", "them", "then", "than", "there", "their", "what", "when",
            "where", "which", "while", "will", "would", "should", "could", "into", "onto", "also", "about", "been",
            "being", "were", "here", "just", "more", "most", "some", "such", "only", "other", "each", "very", "over",
            "under", "because", "like", "yes", "no");

    private final double support;

    public Groundedness(double support) {
        if (support <= 0 || support > 1) {
            throw new IllegalArgumentException("support must be in (0, 1], was " + support);
        }
        this.support = support;
    }

    public static Groundedness standard() {
        return new Groundedness(DEFAULT_SUPPORT);
    }

    /** The groundedness of the answer in the sources. */
    public Score score(String answer, List<String> sources) {
        List<Set<String>> sourceWords = new ArrayList<>(sources.size());
        for (String source : sources) {
            sourceWords.add(contentWords(source));
        }
        int counted = 0;
        int supported = 0;
        for (String sentence : sentences(answer)) {
            Set<String> words = contentWords(sentence);
            if (words.isEmpty()) {
                continue;
            }
            counted++;
            if (isSupported(words, sourceWords)) {
                supported++;
            }
        }
        return new Score(counted == 0 ? 1 : (double) supported / counted, counted, supported);
    }

    private boolean isSupported(Set<String> words, List<Set<String>> sources) {
        for (Set<String> source : sources) {
            int shared = 0;
            for (String word : words) {
                if (source.contains(word)) {
                    shared++;
                }
            }
            if (shared >= support * words.size()) {
                return true;
            }
        }
        return false;
    }

    /** The sentences of a text: split after {@code . ! ?} followed by space, and at line breaks. */
    public static List<String> sentences(String text) {
        List<String> sentences = new ArrayList<>();
        for (String part : SENTENCE_END.split(text == null ? "" : text)) {
            if (!part.isBlank()) {
                sentences.add(part.strip());
            }
        }
        return sentences;
    }

    /** The content words of a text, as this measure compares them (also used to rank sentences by a question). */
    public static Set<String> contentWords(String text) {
        Set<String> words = new HashSet<>();
        for (String token : NON_WORD.split(text.toLowerCase(Locale.ROOT))) {
            boolean number = !token.isEmpty() && Character.isDigit(token.charAt(0));
            if ((token.length() >= MIN_WORD_LENGTH || number) && !STOP_WORDS.contains(token)) {
                words.add(stem(token));
            }
        }
        return words;
    }

    private static String stem(String word) {
        return word.length() > MIN_WORD_LENGTH + 1 && word.endsWith("s") && !word.endsWith("ss")
                ? word.substring(0, word.length() - 1) : word;
    }

    /**
     * @param value     supported sentences / counted sentences, 0..1
     * @param sentences sentences with content words
     * @param supported those supported by a source
     */
    public record Score(double value, int sentences, int supported) {
    }
}
