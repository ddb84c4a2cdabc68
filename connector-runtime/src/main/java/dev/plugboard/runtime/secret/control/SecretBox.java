package dev.plugboard.runtime.secret.control;

import dev.plugboard.runtime.secret.entity.Sealed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens secret values with AES-256-GCM under the master keys. Each value gets a fresh
 * random 96-bit nonce. The owner (e.g. {@code setup/<connection>/<field>}) is authenticated as
 * additional data, so a sealed value copied into another row or field fails to open instead of
 * being handed to the wrong connection.
 */
@ApplicationScoped
public class SecretBox {

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyRing keys;

  protected SecretBox() {
    // for the CDI proxy
  }

  @Inject
  public SecretBox(KeyRing keys) {
    this.keys = keys;
  }

  /**
   * @param plaintext the secret
   * @param owner where the value is stored; the same owner must be given to open it
   * @return the sealed value, under the current master key
   */
  public Sealed seal(String plaintext, String owner) {
    MasterKey key = keys.current();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return new Sealed(
          key.id(), nonce, cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * @param sealed a value from {@link #seal}
   * @param owner the owner it was sealed for
   * @return the secret
   * @throws IllegalStateException when the key is unknown or the value was altered or moved
   */
  public String open(Sealed sealed, String owner) {
    MasterKey key =
        keys.find(sealed.keyId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "a secret of "
                            + owner
                            + " is sealed with master key "
                            + sealed.keyId()
                            + ", which is not configured: add it to plugboard.master-key.previous"));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      return new String(cipher.doFinal(sealed.ciphertext()), StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException("a secret of " + owner + " failed authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }
}
