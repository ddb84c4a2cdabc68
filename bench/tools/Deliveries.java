import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes N signed Facebook Messenger webhook deliveries for the load generator, one per line as
 * {@code <lowercase hex HMAC-SHA256 of the body>\t<body>}.
 *
 * <p>Each body is one line of JSON of 400-600 bytes shaped like a real text-message delivery, with
 * a unique {@code mid} that carries the run id, so reruns against the same database never collide
 * with earlier events (the platform deduplicates by mid). Like Meta's, bodies are ASCII: non-ASCII
 * text is escaped as {@code \\uXXXX} and {@code /} as {@code \/}.
 *
 * <p>Run: {@code java bench/tools/Deliveries.java --secret S --page-id P --count N --out FILE
 * [--run-id R]}.
 */
public final class Deliveries {
  private static final String[] WORDS = {
    "hi",
    "hello",
    "thanks",
    "order",
    "delivery",
    "tomorrow",
    "morning",
    "please",
    "could",
    "you",
    "check",
    "my",
    "the",
    "size",
    "is",
    "wrong",
    "refund",
    "store",
    "opening",
    "hours",
    "when",
    "does",
    "arrive",
    "tracking",
    "number",
    "still",
    "waiting",
    "for",
    "an",
    "answer",
    "great",
    "service",
    "price",
    "discount",
    "code",
    "weekend",
    "available",
    "color",
    "blue",
    "black",
    "return",
    "label",
    "address",
    "changed",
    "yesterday",
    "payment",
    "failed",
    "card",
    "again",
    "caf\\u00e9",
    "na\\u00efve",
    "\\u00fcber",
    "\\ud83d\\ude42",
    "\\ud83d\\udc4d",
    "\\u2764\\ufe0f",
    "https:\\/\\/example.com\\/orders\\/48213",
    "#A-1042",
    "12:30",
    "ok?",
    "yes!",
    "no,"
  };

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = options(args);
    byte[] secret = required(opts, "secret").getBytes(StandardCharsets.UTF_8);
    String pageId = required(opts, "page-id");
    long count = Long.parseLong(required(opts, "count"));
    Path out = Path.of(required(opts, "out"));
    String runId = opts.getOrDefault("run-id", Long.toString(System.currentTimeMillis(), 36));

    Mac mac = hmac(secret);
    Random random = new Random(runId.hashCode());
    HexFormat hex = HexFormat.of();
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String[] senders = new String[500];
    for (int i = 0; i < senders.length; i++) {
      senders[i] =
          Long.toString(
              1_000_000_000_000_000L
                  + (random.nextLong() & Long.MAX_VALUE) % 9_000_000_000_000_000L);
    }
    long time = System.currentTimeMillis();

    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      byte[] filler = new byte[48];
      for (long i = 0; i < count; i++) {
        random.nextBytes(filler);
        // Real mids are "m_" and ~90 url-safe characters; ours keep run id and sequence readable.
        String mid = "m_" + runId + "." + i + "." + base64.encodeToString(filler);
        long timestamp = time + i;
        String head =
            "{\"object\":\"page\",\"entry\":[{\"id\":\""
                + pageId
                + "\",\"time\":"
                + timestamp
                + ",\"messaging\":[{\"sender\":{\"id\":\""
                + senders[random.nextInt(senders.length)]
                + "\"},\"recipient\":{\"id\":\""
                + pageId
                + "\"},\"timestamp\":"
                + timestamp
                + ",\"message\":{\"mid\":\""
                + mid
                + "\",\"text\":\"";
        String tail = "\"}}]}]}";
        int textLength = 400 + random.nextInt(201) - head.length() - tail.length();
        String body = head + text(random, textLength) + tail;

        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        file.write(hex.formatHex(mac.doFinal(bytes)).getBytes(StandardCharsets.US_ASCII));
        file.write('\t');
        file.write(bytes);
        file.write('\n');
      }
    }
  }

  /**
   * Whole words (escapes are never cut) up to about {@code length} characters, at least one word.
   */
  static String text(Random random, int length) {
    StringBuilder text = new StringBuilder(WORDS[random.nextInt(WORDS.length)]);
    for (int misses = 0; misses < 10; ) {
      String word = WORDS[random.nextInt(WORDS.length)];
      if (text.length() + 1 + word.length() > length) {
        misses++;
      } else {
        text.append(' ').append(word);
      }
    }
    return text.toString();
  }

  static Mac hmac(byte[] secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    return opts;
  }

  static String required(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null) {
      System.err.println(
          "usage: java Deliveries.java --secret S --page-id P --count N --out FILE [--run-id R]"
              + "  (missing --"
              + name
              + ")");
      System.exit(2);
    }
    return value;
  }
}
