package io.flywheel.shared.hashing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash the platform names artifacts and documents by: lower-case hex SHA-256. */
public final class Sha256 {

    private Sha256() {
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
