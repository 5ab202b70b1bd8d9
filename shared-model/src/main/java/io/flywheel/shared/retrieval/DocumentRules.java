package io.flywheel.shared.retrieval;

/**
 * What a document must be to enter an index.
 *
 * @param maxBytes             the largest document, in bytes
 * @param minChars             the fewest non-whitespace characters: shorter documents carry no answer
 * @param minWordsForLanguage  below this many words the language is not judged (too little evidence)
 * @param minCommonWordShare   the share of words that must be among English's most common words (see
 *                             {@link LanguageHeuristic}); 0 turns the check off
 */
public record DocumentRules(int maxBytes, int minChars, int minWordsForLanguage, double minCommonWordShare) {

    /** 1 MiB, 50 characters, and English judged on 50 words or more with at least 20% common words. */
    public static final DocumentRules DEFAULT = new DocumentRules(1024 * 1024, 50, 50, 0.2);
}
