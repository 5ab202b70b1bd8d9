package io.flywheel.shared.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of HTTP requests, as the platform's webhooks carry them: the sender puts the Unix time in
 * seconds in {@value #TIMESTAMP_HEADER} and {@code sha256=<hex HMAC-SHA256(key, timestamp + "." + body)>} in
 * {@value #SIGNATURE_HEADER}. Signing the timestamp with the body makes an old request useless after the tolerance;
 * within it, the receiver refuses a signature it has seen (replay). Several keys may be valid at once, so that a key can
 * be rotated without a gap; the key is the UTF-8 bytes of the configured text, as {@code openssl dgst -hmac} uses it.
 */
public final class RequestSignatures {

    public static final String TIMESTAMP_HEADER = "X-Flywheel-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Flywheel-Signature";
    public static final String SCHEME = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    private static final int HEX_LENGTH = 64;

    private final List<byte[]> keys;
    private final Duration tolerance;

    /**
     * @param keys      the shared secrets accepted (at least one; the first one signs)
     * @param tolerance how far a timestamp may be from the receiver's clock, either way
     */
    public RequestSignatures(List<String> keys, Duration tolerance) {
        if (keys == null || keys.isEmpty() || keys.stream().anyMatch(key -> key == null || key.isEmpty())) {
            throw new IllegalArgumentException("at least one non-empty signing key is required");
        }
        if (tolerance == null || tolerance.isNegative() || tolerance.isZero()) {
            throw new IllegalArgumentException("the timestamp tolerance must be positive");
        }
        this.keys = keys.stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        this.tolerance = tolerance;
    }

    /** The value of {@value #SIGNATURE_HEADER} for a body sent at a time, signed with the first key. */
    public String sign(long timestampSeconds, byte[] body) {
        return SCHEME + HexFormat.of().formatHex(mac(keys.get(0), timestampSeconds, body));
    }

    /** Checks the two headers of a received request against its raw body and the receiver's clock. */
    public SignatureCheck check(String timestampHeader, String signatureHeader, byte[] body, Instant now) {
        if (isBlank(timestampHeader) || isBlank(signatureHeader)) {
            return SignatureCheck.of(SignatureCheck.Verdict.UNSIGNED, "the request carries no "
                    + (isBlank(timestampHeader) ? TIMESTAMP_HEADER : SIGNATURE_HEADER) + " header");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return SignatureCheck.of(SignatureCheck.Verdict.MALFORMED, TIMESTAMP_HEADER + " is not Unix seconds");
        }
        byte[] presented = parseSignature(signatureHeader.trim());
        if (presented == null) {
            return SignatureCheck.of(SignatureCheck.Verdict.MALFORMED, SIGNATURE_HEADER + " is not '" + SCHEME
                    + "' followed by 64 hex digits");
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            return SignatureCheck.of(SignatureCheck.Verdict.STALE, "the timestamp is " + skew
                    + " s away from this server's clock; at most " + tolerance.toSeconds() + " s are accepted");
        }
        for (byte[] key : keys) {
            if (MessageDigest.isEqual(presented, mac(key, timestamp, body))) {
                return SignatureCheck.of(SignatureCheck.Verdict.VALID, "signature matches");
            }
        }
        return SignatureCheck.of(SignatureCheck.Verdict.MISMATCH, "the signature does not match the body and "
                + "timestamp under any configured key");
    }

    private static byte[] parseSignature(String header) {
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || header.length() != SCHEME.length() + HEX_LENGTH) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(header.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] mac(byte[] key, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
