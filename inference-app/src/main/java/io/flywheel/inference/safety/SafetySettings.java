package io.flywheel.inference.safety;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Safety of the assistant beyond what each assistant-config version sets (injection threshold, groundedness, blocked
 * patterns of the version): the names to treat as personal data, patterns blocked for every version, the vault's keys
 * and who may re-personalise.
 */
@ConfigMapping(prefix = "flywheel.safety")
public interface SafetySettings {

    /** Names detected as personal data (whole words, case-insensitive), e.g. the customers of a support desk. */
    Optional<List<String>> names();

    /** Blocked-content patterns applied to every answer, in addition to the assistant config's. */
    Optional<List<String>> blockedPatterns();

    /** The role a caller needs to re-personalise an answer (see {@code io.flywheel.inference.access.Role}). */
    @WithDefault("admin")
    String repersonalizeRole();

    Vault vault();

    /** The pseudonym vault: AES-256-GCM, one random 96-bit IV per entry, keys named for rotation. */
    interface Vault {
        /**
         * The key new entries are encrypted with: 32 bytes, base64. Without one, a random key is made at start (with
         * a warning): entries then cannot be read after a restart. Kubernetes sets it from a Secret.
         */
        Optional<String> key();

        /** The id stored with each entry, so that entries written under an older key stay readable after rotation. */
        @WithDefault("k1")
        String keyId();

        /** Earlier keys by id (base64), to read entries written before a rotation. */
        Map<String, String> previousKeys();
    }
}
