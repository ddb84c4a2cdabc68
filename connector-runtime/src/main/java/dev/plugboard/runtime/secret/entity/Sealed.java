package dev.plugboard.runtime.secret.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret as stored: AES-256-GCM ciphertext (with its tag), the nonce it was sealed with and the
 * id of the master key that sealed it, so that values sealed under an older key stay readable after
 * a new one is introduced.
 */
@Embeddable
public class Sealed {

  @Column(name = "key_id")
  private String keyId;

  @Column(name = "nonce")
  private byte[] nonce;

  @Column(name = "ciphertext")
  private byte[] ciphertext;

  protected Sealed() {}

  public Sealed(String keyId, byte[] nonce, byte[] ciphertext) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.nonce = nonce.clone();
    this.ciphertext = ciphertext.clone();
  }

  public String keyId() {
    return keyId;
  }

  public byte[] nonce() {
    return nonce.clone();
  }

  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Sealed s
        && keyId.equals(s.keyId)
        && Arrays.equals(nonce, s.nonce)
        && Arrays.equals(ciphertext, s.ciphertext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyId, Arrays.hashCode(nonce), Arrays.hashCode(ciphertext));
  }
}
