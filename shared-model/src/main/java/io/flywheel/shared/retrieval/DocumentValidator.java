package io.flywheel.shared.retrieval;

import io.flywheel.shared.hashing.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a document may enter an index, and says why not: size, encoding (strict UTF-8, no NUL or other
 * control characters), substance (enough non-whitespace text), language ({@link LanguageHeuristic}), and a
 * duplicate of a document already accepted (same sha256 of its bytes, under any name). Personal data is checked by
 * the caller with the safety package's detector.
 */
public final class DocumentValidator {

    private final DocumentRules rules;

    public DocumentValidator(DocumentRules rules) {
        this.rules = rules;
    }

    /**
     * The verdict on a document.
     *
     * @param name     the document's name
     * @param sha256   hex sha256 of its bytes
     * @param text     its text, or {@code null} when it could not be decoded
     * @param problems why it is refused; empty when it is accepted
     */
    public record Verdict(String name, String sha256, String text, List<String> problems) {

        public Verdict {
            problems = List.copyOf(problems);
        }

        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks one document.
     *
     * @param acceptedHashes sha256 of the documents already accepted, to refuse a duplicate
     */
    public Verdict validate(String name, byte[] bytes, java.util.Map<String, String> acceptedHashes) {
        String sha256 = Sha256.hex(bytes);
        List<String> problems = new ArrayList<>();
        String duplicateOf = acceptedHashes.get(sha256);
        if (duplicateOf != null && !duplicateOf.equals(name)) {
            problems.add("duplicate of '" + duplicateOf + "' (same sha256 " + sha256.substring(0, 12) + "…)");
        }
        if (bytes.length > rules.maxBytes()) {
            problems.add("is " + bytes.length + " bytes, more than the limit of " + rules.maxBytes());
            return new Verdict(name, sha256, null, problems);
        }
        String text;
        try {
            text = decode(bytes);
        } catch (MalformedInputException e) {
            problems.add("is not valid UTF-8 (invalid byte sequence at byte " + malformedOffset(bytes) + ")");
            return new Verdict(name, sha256, null, problems);
        } catch (CharacterCodingException e) {
            problems.add("is not valid UTF-8");
            return new Verdict(name, sha256, null, problems);
        }
        int control = firstControlCharacter(text);
        if (control >= 0) {
            problems.add("contains a control character (U+" + String.format(Locale.ROOT, "%04X", (int) text.charAt(control))
                    + ") at character " + control + ": not a text document");
        }
        long substance = text.codePoints().filter(c -> !Character.isWhitespace(c)).count();
        if (substance < rules.minChars()) {
            problems.add(substance == 0 ? "is empty" : "has only " + substance + " non-blank characters (at least "
                    + rules.minChars() + " needed)");
        }
        LanguageHeuristic.Count words = LanguageHeuristic.count(text);
        if (rules.minCommonWordShare() > 0 && words.words() >= rules.minWordsForLanguage()
                && words.share() < rules.minCommonWordShare()) {
            problems.add(String.format(Locale.ROOT, "does not read as English: %.0f%% of its %d words are common "
                    + "English words, at least %.0f%% expected", words.share() * 100, words.words(),
                    rules.minCommonWordShare() * 100));
        }
        return new Verdict(name, sha256, text, problems);
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static long malformedOffset(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        var out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }

    private static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                return i;
            }
        }
        return -1;
    }
}
