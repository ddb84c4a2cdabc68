package com.example.signedwebhook;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Signs bodies as the sending service does, for tests. */
final class Hmac {

  private Hmac() {}

  static String hex(String secret, byte[] body) {
    return HexFormat.of().formatHex(Signatures.hmac(secret, ByteBuffer.wrap(body)));
  }
}
