package dev.plugboard.runtime.security.control;

import dev.plugboard.runtime.secret.control.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The text of an API key: {@code pb_<id>_<secret>}, with a public id (16 hex digits) to find the
 * stored hash by and a secret of 32 random bytes in base64url. Such a key has 256 bits of entropy,
 * so a single fast SHA-256 is the right hash: slow password hashes guard guessable inputs.
 *
 * @param id the public part
 * @param text the whole key
 */
public record KeyText(String id, String text) {

  private static final Pattern FORMAT = Pattern.compile("pb_([0-9a-f]{16})_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * @return a new random key
   */
  public static KeyText generate() {
    byte[] id = new byte[8];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String hexId = HexFormat.of().formatHex(id);
    return new KeyText(
        hexId,
        "pb_" + hexId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * @param presented what a client sent
   * @return the key, when it has the form of one
   */
  public static Optional<KeyText> parse(String presented) {
    var matcher = FORMAT.matcher(presented);
    return matcher.matches()
        ? Optional.of(new KeyText(matcher.group(1), presented))
        : Optional.empty();
  }

  /**
   * @param text any key text
   * @return its SHA-256 in lowercase hex
   */
  public static String hash(String text) {
    return Tokens.sha256(text);
  }

  /**
   * Compares two hashes in time that does not depend on where they differ.
   *
   * @param a a hash in hex
   * @param b another
   * @return whether they are equal
   */
  public static boolean sameHash(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }

  /** Never shows the secret part. */
  @Override
  public String toString() {
    return "KeyText[" + id + "]";
  }
}
