package dev.plugboard.connector.facebook;

import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's webhook signature: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the App Secret>}. The algorithm is fixed here, never read from the request, and the
 * comparison is constant-time. Reasons never quote the header or the secret.
 */
final class HubSignature {

  static final String HEADER = "X-Hub-Signature-256";
  static final String LEGACY_HEADER = "X-Hub-Signature";
  static final String PREFIX = "sha256=";

  private static final String HMAC = "HmacSHA256";
  private static final int DIGEST_HEX_LENGTH = 64;

  /**
   * One {@code Mac} per thread, keyed anew for each delivery: {@code Mac.getInstance} looks the
   * algorithm up among the security providers and instantiates it reflectively, which took about 1
   * % of the server's CPU per delivery (bench/RESULTS.md); {@code init} only derives the pads.
   */
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(HMAC);
            } catch (NoSuchAlgorithmException e) {
              // HmacSHA256 is required of every Java platform.
              throw new IllegalStateException("HmacSHA256 is not available", e);
            }
          });

  private HubSignature() {}

  /**
   * Checks a delivery's signature over its exact bytes.
   *
   * @param appSecret the App Secret, or {@code null} when the setup has none
   * @param request the delivery as received
   * @return valid, or refused with the reason
   */
  static Verification verify(String appSecret, WebhookRequest request) {
    List<String> values = request.headers(HEADER);
    if (values.isEmpty()) {
      return Verification.refused(
          request.headers(LEGACY_HEADER).isEmpty()
              ? HEADER + " header is missing"
              : "only the legacy SHA-1 "
                  + LEGACY_HEADER
                  + " header was sent; "
                  + HEADER
                  + " is required");
    }
    if (values.size() > 1) {
      return Verification.refused(HEADER + " header was sent more than once");
    }
    String value = values.get(0);
    if (!value.startsWith(PREFIX)) {
      return Verification.refused(HEADER + " does not start with " + PREFIX);
    }
    String hex = value.substring(PREFIX.length());
    if (hex.length() != DIGEST_HEX_LENGTH) {
      return Verification.refused(
          HEADER + " must hold " + DIGEST_HEX_LENGTH + " hexadecimal digits after " + PREFIX);
    }
    byte[] received = decodeHex(hex);
    if (received == null) {
      return Verification.refused(HEADER + " holds characters that are not hexadecimal digits");
    }
    if (appSecret == null || appSecret.isEmpty()) {
      return Verification.refused(
          "no Client Secret (App Secret) is set up to check signatures with");
    }
    byte[] expected = hmac(appSecret, request.body());
    return MessageDigest.isEqual(expected, received)
        ? Verification.ok()
        : Verification.refused(
            "signature does not match the body: the delivery was altered or signed with another"
                + " App Secret");
  }

  /**
   * @param appSecret the key
   * @param body the bytes to sign
   * @return HMAC-SHA256 of the bytes
   */
  static byte[] hmac(String appSecret, ByteBuffer body) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), HMAC));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 refused a key of raw bytes", e);
    }
    mac.update(body);
    return mac.doFinal();
  }

  /** Either case is accepted: Meta sends lowercase, some relays uppercase. */
  private static byte[] decodeHex(String hex) {
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return null;
      }
    }
    return HexFormat.of().parseHex(hex);
  }
}
