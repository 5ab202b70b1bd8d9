package io.flywheel.shared.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash the platform names artifacts and documents by: lower-case hex SHA-256. */
public final class Sha256 {

    private Sha256() {
    }

    /**
     * The lower-case hex SHA-256 of bytes that must have the expected one (compared ignoring case).
     *
     * @param what names the bytes in the message, e.g. {@code credit-risk v3}
     * @throws IllegalArgumentException when they do not
     */
    public static String requireMatch(byte[] bytes, String expected, String what) {
        String actual = hex(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalArgumentException(what + ": artifact sha256 is " + actual + ", expected " + expected);
        }
        return actual;
    }

    /** Lower-case hex SHA-256 of the bytes. */
    public static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
