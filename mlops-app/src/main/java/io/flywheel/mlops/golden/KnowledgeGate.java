package io.flywheel.mlops.golden;

import io.flywheel.mlops.evaluation.GateCheck;
import io.flywheel.mlops.evaluation.GateResult;
import io.flywheel.shared.golden.KnowledgeScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Judges a rag-index or assistant-config candidate's golden-set scores: against Production's on the same questions
 * (no gated metric worse by more than the margin; refusals not more frequent by more than it; no more personal data
 * in answers), or, for a first version, against absolute thresholds. An empty golden set fails: nothing was judged.
 * Pure: the numbers in, the verdict out.
 */
public final class KnowledgeGate {

    private final GoldenSettings settings;

    public KnowledgeGate(GoldenSettings settings) {
        this.settings = settings;
    }

    /**
     * The verdict.
     *
     * @param candidate  the candidate's scores
     * @param production Production's on the same questions, or {@code null} when there is no Production
     */
    public GateResult judge(KnowledgeScores candidate, KnowledgeScores production) {
        List<GateCheck> checks = new ArrayList<>();
        checks.add(new GateCheck("golden-set", "golden_questions", candidate.questions(), null, 1,
                candidate.questions() > 0, candidate.questions() + " golden questions (at least 1)"));
        double margin = settings.maxRegression();
        if (production == null) {
            checks.add(atLeast("retrieval", "hit_rate_at5", candidate.hitAt5(), settings.minHitRateAt5()));
            checks.add(atLeast("ranking", "mrr", candidate.mrr(), settings.minMrr()));
            checks.add(atLeast("context", "context_support", candidate.contextSupport(),
                    settings.minContextSupport()));
            checks.add(atMost("safety", "safety_findings", candidate.safetyFindings(), null, 0));
        } else {
            checks.add(notBelow("retrieval", "hit_rate_at5", candidate.hitAt5(), production.hitAt5(), margin));
            checks.add(notBelow("ranking", "mrr", candidate.mrr(), production.mrr(), margin));
            checks.add(notBelow("context", "context_support", candidate.contextSupport(),
                    production.contextSupport(), margin));
            checks.add(notBelow("relevance", "answer_relevance", candidate.answerRelevance(),
                    production.answerRelevance(), margin));
            checks.add(atMost("refusals", "refusal_rate", candidate.refusalRate(), production.refusalRate(),
                    production.refusalRate() + margin));
            checks.add(atMost("safety", "safety_findings", candidate.safetyFindings(),
                    (double) production.safetyFindings(), production.safetyFindings()));
        }
        boolean passed = checks.stream().allMatch(GateCheck::passed);
        String summary = checks.stream().map(GateCheck::message).collect(Collectors.joining("; "))
                + (passed ? ": pass" : ": fail");
        return new GateResult(passed, summary, checks);
    }

    private static GateCheck atLeast(String gate, String metric, double value, double limit) {
        return new GateCheck(gate, metric, value, null, limit, value >= limit,
                String.format(Locale.ROOT, "%s %.4f (at least %.4f)", metric, value, limit));
    }

    private static GateCheck notBelow(String gate, String metric, double value, double baseline, double margin) {
        double limit = baseline - margin;
        return new GateCheck(gate, metric, value, baseline, limit, value >= limit, String.format(Locale.ROOT,
                "%s %.4f vs Production %.4f (margin %.4f)", metric, value, baseline, margin));
    }

    private static GateCheck atMost(String gate, String metric, double value, Double baseline, double limit) {
        return new GateCheck(gate, metric, value, baseline, limit, value <= limit, String.format(Locale.ROOT,
                "%s %.4f (at most %.4f)", metric, value, limit));
    }
}
