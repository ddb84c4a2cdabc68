package com.example.signedwebhook;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the one algorithm this connector accepts: never chosen by the request. */
final class Signatures {

  static final int DIGEST_HEX_LENGTH = 64;

  private static final String HMAC = "HmacSHA256";

  private Signatures() {}

  /**
   * @param secret the shared secret
   * @param body the exact bytes to sign
   * @return the MAC
   */
  static byte[] hmac(String secret, ByteBuffer body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
