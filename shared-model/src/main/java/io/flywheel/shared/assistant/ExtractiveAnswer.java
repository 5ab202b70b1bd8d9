package io.flywheel.shared.assistant;

import io.flywheel.shared.safety.Groundedness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The extractive answer: the sentences of the retrieved passages that share the most content words with the
 * question, in passage order, each marked with its passage number. Needs no LLM and cannot hallucinate. Shared so
 * that the gateway (its answer without or after a provider) and the golden-set gate (answers judged without an LLM)
 * compose exactly the same text.
 */
public final class ExtractiveAnswer {

    /** How many sentences an extractive answer quotes. */
    public static final int SENTENCES = 3;
    /** The answer when no passage has a sentence with content. */
    public static final String NOTHING_FOUND = "I could not find an answer to this question in the documentation.";

    private ExtractiveAnswer() {
    }

    /** The extractive answer to the question from the passages (best first). */
    public static String compose(String question, List<String> passages) {
        Set<String> asked = Groundedness.contentWords(question == null ? "" : question);
        List<Candidate> candidates = new ArrayList<>();
        for (int p = 0; p < passages.size(); p++) {
            List<String> sentences = Groundedness.sentences(passages.get(p));
            for (int s = 0; s < sentences.size(); s++) {
                Set<String> words = Groundedness.contentWords(sentences.get(s));
                long shared = words.stream().filter(asked::contains).count();
                candidates.add(new Candidate(p, s, sentences.get(s), shared, words.isEmpty()));
            }
        }
        List<Candidate> chosen = candidates.stream()
                .filter(candidate -> !candidate.empty())
                .sorted(Comparator.comparingLong(Candidate::shared).reversed()
                        .thenComparingInt(Candidate::passage).thenComparingInt(Candidate::sentence))
                .limit(SENTENCES)
                .sorted(Comparator.comparingInt(Candidate::passage).thenComparingInt(Candidate::sentence))
                .toList();
        if (chosen.isEmpty()) {
            return NOTHING_FOUND;
        }
        StringBuilder answer = new StringBuilder();
        for (Candidate candidate : chosen) {
            if (!answer.isEmpty()) {
                answer.append(' ');
            }
            answer.append(candidate.text()).append(" [").append(candidate.passage() + 1).append(']');
        }
        return answer.toString();
    }

    private record Candidate(int passage, int sentence, String text, long shared, boolean empty) {
    }
}
