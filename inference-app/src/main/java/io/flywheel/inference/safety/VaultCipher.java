package io.flywheel.inference.safety;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * AES-256-GCM for the pseudonym vault. Every entry gets a fresh random 96-bit IV (GCM's nonce must never repeat under
 * one key), the answer id is authenticated as associated data (an entry copied to another row does not decrypt), and
 * the key id is stored with the entry so that rotation only needs the old key kept under {@code previous-keys}.
 */
@ApplicationScoped
public class VaultCipher {

    private static final Logger LOG = Logger.getLogger(VaultCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();

    public VaultCipher(SafetySettings settings) {
        SafetySettings.Vault vault = settings.vault();
        this.currentKeyId = vault.keyId();
        keys.put(currentKeyId, vault.key().map(encoded -> key(currentKeyId, encoded)).orElseGet(this::ephemeralKey));
        vault.previousKeys().forEach((id, encoded) -> keys.putIfAbsent(id, key(id, encoded)));
    }

    /** One encrypted vault entry. */
    public record Sealed(String keyId, byte[] iv, byte[] ciphertext) {
    }

    public Sealed seal(String plaintext, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new Sealed(currentKeyId, iv, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the vault could not encrypt an entry", e);
        }
    }

    /**
     * @throws IllegalStateException when the key is unknown or the entry was tampered with
     */
    public String open(Sealed sealed, String associatedData) {
        SecretKeySpec key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("vault key '" + sealed.keyId() + "' is not configured");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a vault entry does not decrypt: wrong key or tampered with", e);
        }
    }

    private static SecretKeySpec key(String id, String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vault key '" + id + "' is not base64", e);
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("vault key '" + id + "' must be 32 bytes (256 bits), is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private SecretKeySpec ephemeralKey() {
        LOG.warn("flywheel.safety.vault.key is not set: pseudonym mappings are encrypted with a random key made at "
                + "start and cannot be re-personalised after a restart. Set a 32-byte base64 key from a secret.");
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
