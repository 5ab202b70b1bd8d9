package io.flywheel.shared.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flywheel.shared.signing.SignatureCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestSignaturesTest {

    private static final String KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final long NOW = 1_765_000_000L;
    private static final byte[] BODY = "{\"status\":\"firing\"}".getBytes(StandardCharsets.UTF_8);

    private final RequestSignatures signatures = new RequestSignatures(List.of(KEY), FIVE_MINUTES);

    @Test
    void signsTimestampDotBodyWithHmacSha256AsOpensslDoes() {
        // printf '%s' '1765000000.{"status":"firing"}' | openssl dgst -sha256 -hmac "$KEY"
        assertThat(signatures.sign(NOW, BODY))
                .isEqualTo("sha256=6aee1523e73abbaf1968ef96ab6ecea411d4dcf0ce2b367962320e4c001885e6");
    }

    @Test
    void aFreshSignatureOverTheSameBodyIsValid() {
        String signature = signatures.sign(NOW, BODY);

        SignatureCheck check = signatures.check(Long.toString(NOW), signature, BODY, Instant.ofEpochSecond(NOW + 30));

        assertThat(check.valid()).isTrue();
    }

    @Test
    void aChangedBodyOrTimestampDoesNotMatch() {
        String signature = signatures.sign(NOW, BODY);

        assertThat(signatures.check(Long.toString(NOW), signature, "{\"status\":\"resolved\"}".getBytes(
                StandardCharsets.UTF_8), Instant.ofEpochSecond(NOW)).verdict()).isEqualTo(Verdict.MISMATCH);
        assertThat(signatures.check(Long.toString(NOW + 1), signature, BODY, Instant.ofEpochSecond(NOW)).verdict())
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anotherKeyDoesNotMatchButARotatedKeyListAcceptsBoth() {
        RequestSignatures other = new RequestSignatures(List.of("another-key"), FIVE_MINUTES);
        String byOther = other.sign(NOW, BODY);

        assertThat(signatures.check(Long.toString(NOW), byOther, BODY, Instant.ofEpochSecond(NOW)).verdict())
                .isEqualTo(Verdict.MISMATCH);
        RequestSignatures rotating = new RequestSignatures(List.of(KEY, "another-key"), FIVE_MINUTES);
        assertThat(rotating.check(Long.toString(NOW), byOther, BODY, Instant.ofEpochSecond(NOW)).valid()).isTrue();
    }

    @Test
    void aTimestampMoreThanTheToleranceAwayEitherWayIsStale() {
        String signature = signatures.sign(NOW, BODY);

        assertThat(signatures.check(Long.toString(NOW), signature, BODY, Instant.ofEpochSecond(NOW + 301)).verdict())
                .isEqualTo(Verdict.STALE);
        assertThat(signatures.check(Long.toString(NOW), signature, BODY, Instant.ofEpochSecond(NOW - 301)).verdict())
                .isEqualTo(Verdict.STALE);
        assertThat(signatures.check(Long.toString(NOW), signature, BODY, Instant.ofEpochSecond(NOW + 300)).valid())
                .isTrue();
    }

    @Test
    void missingHeadersAreUnsignedAndGarbledOnesMalformed() {
        String signature = signatures.sign(NOW, BODY);
        Instant now = Instant.ofEpochSecond(NOW);

        assertThat(signatures.check(null, signature, BODY, now).verdict()).isEqualTo(Verdict.UNSIGNED);
        assertThat(signatures.check(Long.toString(NOW), " ", BODY, now).verdict()).isEqualTo(Verdict.UNSIGNED);
        assertThat(signatures.check("yesterday", signature, BODY, now).verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(signatures.check(Long.toString(NOW), signature.substring(7), BODY, now).verdict())
                .isEqualTo(Verdict.MALFORMED);
        assertThat(signatures.check(Long.toString(NOW), "sha256=" + "zz".repeat(32), BODY, now).verdict())
                .isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void theReasonNeverContainsTheKeyOrTheExpectedSignature() {
        String expected = signatures.sign(NOW, BODY);
        SignatureCheck check = signatures.check(Long.toString(NOW), "sha256=" + "0".repeat(64), BODY,
                Instant.ofEpochSecond(NOW));

        assertThat(check.reason()).doesNotContain(KEY).doesNotContain(expected.substring(7));
    }

    @Test
    void refusesToWorkWithoutAKeyOrWithoutATolerance() {
        assertThatThrownBy(() -> new RequestSignatures(List.of(), FIVE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestSignatures(List.of(""), FIVE_MINUTES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestSignatures(List.of(KEY), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
