package io.flywheel.shared.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How API keys are recognised. A key is {@value #PREFIX} followed by 43 base64url characters (256 random bits); it is
 * stored and compared as its SHA-256. A slow password hash (bcrypt, argon2) protects low-entropy secrets against
 * guessing; a 256-bit random key cannot be guessed, and a fast hash lets every request be checked in microseconds.
 */
public final class ApiKeys {

    public static final String PREFIX = "fw_";

    private ApiKeys() {
    }

    /** The lowercase hex SHA-256 of the key. */
    public static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether the text has the shape of a Flywheel key (cheap check before hashing). */
    public static boolean looksLikeKey(String text) {
        return text != null && text.startsWith(PREFIX) && text.length() > PREFIX.length() + 20 && text.length() < 200;
    }
}
