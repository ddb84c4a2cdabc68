package dev.plugboard.connector.facebook.fake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook deliveries as Meta sends them, for tests of the connector and of the runtime: documented
 * sample bodies, a text-message delivery, Meta's escaping and the {@code X-Hub-Signature-256}
 * value. Written independently of the connector's own code, so that tests do not check the
 * connector against itself.
 */
public final class MessengerDeliveries {

  /** The header Meta signs deliveries with. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  private MessengerDeliveries() {}

  /**
   * A sample body from {@code payloads/} (see {@code payloads/SOURCES.md} there), byte for byte.
   *
   * @param name e.g. {@code p01_message_text_quick_reply.json} or {@code
   *     multi_entry_two_pages.json}
   * @return the body's bytes
   */
  public static byte[] sample(String name) {
    try (InputStream in = MessengerDeliveries.class.getResourceAsStream("payloads/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample payload " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read sample payload " + name, e);
    }
  }

  /**
   * A delivery of one text message from a person to a Page, compact and escaped as Meta sends it.
   *
   * @param pageId the Page
   * @param psid the sender's Page-scoped id
   * @param mid the message id
   * @param text the text, any characters
   * @param timestamp when it was sent, in epoch milliseconds
   * @return the body's bytes
   */
  public static byte[] textMessage(
      String pageId, String psid, String mid, String text, long timestamp) {
    String json =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + pageId
            + "\",\"time\":"
            + timestamp
            + ",\"messaging\":[{\"sender\":{\"id\":\""
            + psid
            + "\"},\"recipient\":{\"id\":\""
            + pageId
            + "\"},\"timestamp\":"
            + timestamp
            + ",\"message\":{\"mid\":\""
            + mid
            + "\",\"text\":\""
            + quote(text)
            + "\"}}]}]}";
    return escapeLikeMeta(json).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Escapes a JSON text the way Meta does before signing: every non-ASCII character as {@code
   * \\uXXXX} with lowercase hex (surrogate pairs as two escapes) and {@code /} as {@code \/}.
   * Existing escapes are kept as they are.
   *
   * @param json a JSON text
   * @return the same JSON value, in ASCII
   */
  public static String escapeLikeMeta(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        out.append(c).append(json.charAt(++i));
      } else if (c == '/') {
        out.append("\\/");
      } else if (c > 0x7e) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The {@code X-Hub-Signature-256} value for a body.
   *
   * @param appSecret the App Secret
   * @param body the exact bytes sent
   * @return {@code sha256=} and the lowercase hex HMAC-SHA256
   */
  public static String sign(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
