package dev.plugboard.runtime.secret.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 master key and its id: the first 8 bytes of the key's SHA-256, in hex. The id is
 * stored beside every value the key seals; it identifies the key without revealing it.
 *
 * @param id 16 lowercase hex digits
 * @param key the AES key
 */
public record MasterKey(String id, SecretKey key) {

  /** The key length AES-256 needs. */
  public static final int BYTES = 32;

  /**
   * @param bytes exactly 32 bytes
   * @return the key
   * @throws IllegalArgumentException when the length is wrong
   */
  public static MasterKey of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "a master key must be " + BYTES + " bytes, not " + bytes.length);
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return new MasterKey(HexFormat.of().formatHex(digest, 0, 8), new SecretKeySpec(bytes, "AES"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * @param base64 a key in base64, as configured
   * @param source where it came from, for the error message
   * @return the key
   * @throws IllegalArgumentException naming the source (never the value) when it is not a key
   */
  public static MasterKey parse(String base64, String source) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " is not valid base64");
    }
    try {
      return of(bytes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage());
    }
  }

  /** Never shows the key. */
  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
