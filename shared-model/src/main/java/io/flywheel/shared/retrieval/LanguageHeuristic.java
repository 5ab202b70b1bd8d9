package io.flywheel.shared.retrieval;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light test that a text is English prose: the share of its words that are among the most frequent English
 * function words. Running English text sits around 35–50% (the shipped Python FAQ: 33–41%); code listings, tables,
 * other languages and random bytes decoded as text stay far below 20%. No dictionary and no model — a cheap guard
 * against feeding the index what the embedding model (trained on English) cannot represent, not a language
 * identifier.
 */
public final class LanguageHeuristic {

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final Set<String> COMMON = Set.of(
            "the", "of", "and", "to", "a", "in", "is", "it", "that", "for", "you", "as", "with", "on", "be", "this",
            "are", "or", "by", "not", "can", "if", "an", "from", "your", "at", "but", "have", "which", "do", "what",
            "how", "there", "will", "use", "one", "has", "its", "all", "so", "was", "more", "when", "their", "would",
            "other", "some", "than", "then", "into", "only", "also", "any", "about", "these", "been", "like", "such",
            "may", "most", "i", "we", "they", "he", "she", "no", "yes", "my", "our", "does", "should", "could");

    private LanguageHeuristic() {
    }

    /**
     * How many words the text has, and how many of them are common English words.
     *
     * @param words  letter runs in the text
     * @param common those among the common English words
     */
    public record Count(int words, int common) {

        /** common / words, 0 for a text without words. */
        public double share() {
            return words == 0 ? 0 : (double) common / words;
        }
    }

    public static Count count(String text) {
        Matcher matcher = WORD.matcher(text);
        int words = 0;
        int common = 0;
        while (matcher.find()) {
            words++;
            if (COMMON.contains(matcher.group().toLowerCase(Locale.ROOT))) {
                common++;
            }
        }
        return new Count(words, common);
    }
}
