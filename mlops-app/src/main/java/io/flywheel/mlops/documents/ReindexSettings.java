package io.flywheel.mlops.documents;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The knowledge base and the reindex job ({@code flywheel.reindex.*}, docs/rag-index.md). */
@ConfigMapping(prefix = "flywheel.reindex")
public interface ReindexSettings {

    /** The rag-index model the reindex job registers versions of. */
    @WithDefault("assistant-index")
    String model();

    /** The longest passage, in characters (about 150–250 MiniLM word pieces at 800). */
    @WithDefault("800")
    int chunkSize();

    /** How much of the previous passage the next one repeats, in characters. */
    @WithDefault("100")
    int chunkOverlap();

    /** The largest document, in bytes; a larger upload is refused with 413. */
    @WithDefault("1048576")
    int maxDocumentBytes();

    /** The fewest non-blank characters a document must have. */
    @WithDefault("50")
    int minDocumentChars();

    /** Below this many words the language of a document is not judged. */
    @WithDefault("50")
    int languageMinWords();

    /** The share of a document's words that must be common English words; 0 turns the check off. */
    @WithDefault("0.2")
    double languageMinCommonWordShare();

    /** Names that count as personal data in a document (besides e-mails, phones, IBANs, cards, national ids). */
    Optional<List<String>> piiNames();

    /** Whether an empty knowledge base is seeded from the shipped Python FAQ at start. */
    @WithDefault("true")
    boolean seedCorpus();
}
