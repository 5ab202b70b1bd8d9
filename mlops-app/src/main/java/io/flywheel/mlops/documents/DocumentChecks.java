package io.flywheel.mlops.documents;

import io.flywheel.shared.retrieval.DocumentRules;
import io.flywheel.shared.retrieval.DocumentValidator;
import io.flywheel.shared.safety.PiiDetector;
import io.flywheel.shared.safety.PiiFinding;
import io.flywheel.shared.safety.PiiType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a document may enter the knowledge base: its name, then shared-model's {@link DocumentValidator} (size,
 * strict UTF-8, control characters, substance, language, duplicates), then personal data. The same checks run on
 * upload and again at every reindex, so a rule tightened later also applies to documents already stored.
 */
@ApplicationScoped
public class DocumentChecks {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Set<String> EXTENSIONS = Set.of(".rst", ".md", ".markdown", ".txt");
    private static final Pattern URL = Pattern.compile("\\bhttps?://\\S+");
    /** Second-level and top-level domains reserved for documentation (RFC 2606, RFC 6761): nobody's address. */
    private static final Pattern EXAMPLE_DOMAIN = Pattern.compile(
            "@(?:[A-Za-z0-9-]+\\.)*(?:example\\.(?:com|net|org)|[A-Za-z0-9-]+\\.(?:example|test|invalid|localhost))$",
            Pattern.CASE_INSENSITIVE);

    private final DocumentValidator validator;
    private final PiiDetector pii;

    public DocumentChecks(ReindexSettings settings) {
        this.validator = new DocumentValidator(new DocumentRules(settings.maxDocumentBytes(),
                settings.minDocumentChars(), settings.languageMinWords(), settings.languageMinCommonWordShare()));
        this.pii = PiiDetector.withNames(settings.piiNames().orElse(List.of()));
    }

    /** The problem with a document name, or {@code null} when it is a valid one. */
    public static String nameProblem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return "a document name is 1–200 of A-Z a-z 0-9 . _ -";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(lower::endsWith)) {
            return "a document name ends in .rst, .md, .markdown or .txt";
        }
        return null;
    }

    /**
     * The verdict on a document.
     *
     * @param acceptedHashes sha256 → name of the documents accepted so far (a duplicate under another name is refused)
     */
    public DocumentValidator.Verdict check(String name, byte[] bytes, Map<String, String> acceptedHashes) {
        DocumentValidator.Verdict verdict = validator.validate(name, bytes, acceptedHashes);
        if (verdict.text() == null) {
            return verdict;
        }
        List<String> problems = new ArrayList<>(verdict.problems());
        List<PiiFinding> personal = personalData(verdict.text());
        if (!personal.isEmpty()) {
            problems.add("contains personal data (" + personal.stream()
                    .map(finding -> finding.type().name().toLowerCase(Locale.ROOT) + " at character " + finding.start())
                    .collect(Collectors.joining(", ")) + "): indexed text is shown to every user");
        }
        return new DocumentValidator.Verdict(name, verdict.sha256(), verdict.text(), problems);
    }

    /** Personal data in the text, leaving out addresses at reserved example domains and anything inside a URL. */
    List<PiiFinding> personalData(String text) {
        List<int[]> urls = new ArrayList<>();
        Matcher url = URL.matcher(text);
        while (url.find()) {
            urls.add(new int[] {url.start(), url.end()});
        }
        return pii.detect(text).stream()
                .filter(finding -> urls.stream().noneMatch(span -> finding.start() >= span[0] && finding.end() <= span[1]))
                .filter(finding -> finding.type() != PiiType.EMAIL
                        || !EXAMPLE_DOMAIN.matcher(finding.valueIn(text)).find())
                .toList();
    }
}
