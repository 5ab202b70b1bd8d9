package io.flywheel.inference;

/**
 * A client's text as PostgreSQL can store it. PostgreSQL refuses NUL in {@code text} and {@code \u0000} in
 * {@code jsonb}, and the logs write in batches: one such value would fail its whole batch, other clients' rows with
 * it. NUL becomes U+FFFD, as a decoder marks what it cannot represent; nothing else changes.
 */
public final class StorableText {

    private StorableText() {
    }

    public static String of(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }
}
