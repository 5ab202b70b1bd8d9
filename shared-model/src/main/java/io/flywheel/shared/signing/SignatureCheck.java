package io.flywheel.shared.signing;

/**
 * The outcome of checking a signed request, with a reason a person can act on (never the key or the expected value).
 *
 * @param verdict what was found
 * @param reason  why, in words
 */
public record SignatureCheck(Verdict verdict, String reason) {

    /** What a check can find. */
    public enum Verdict {
        /** The signature matches one of the keys and the timestamp is fresh. */
        VALID,
        /** A header is missing. */
        UNSIGNED,
        /** A header is present but not of the expected form. */
        MALFORMED,
        /** The timestamp is outside the tolerance: an old (or replayed) request, or a wrong clock. */
        STALE,
        /** Well-formed and fresh, but signed with another key or over another body. */
        MISMATCH
    }

    static SignatureCheck of(Verdict verdict, String reason) {
        return new SignatureCheck(verdict, reason);
    }

    public boolean valid() {
        return verdict == Verdict.VALID;
    }
}
