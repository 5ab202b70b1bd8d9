package io.flywheel.shared.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void hashesAsLowerCaseHex() {
        assertThat(Sha256.hex(ABC)).isEqualTo(ABC_SHA256);
    }

    @Test
    void bytesMatchTheirHashWhateverItsCaseAndOtherBytesAreRefusedNamingBothHashes() {
        assertThat(Sha256.requireMatch(ABC, ABC_SHA256.toUpperCase(), "abc")).isEqualTo(ABC_SHA256);
        assertThatThrownBy(() -> Sha256.requireMatch("abd".getBytes(StandardCharsets.US_ASCII), ABC_SHA256, "m v2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("m v2: artifact sha256 is ")
                .hasMessageEndingWith("expected " + ABC_SHA256);
    }
}
