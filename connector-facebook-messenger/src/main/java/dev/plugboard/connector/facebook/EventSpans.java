package dev.plugboard.connector.facebook;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds where each event of a delivery lies in the body's bytes, so that an event is stored and
 * hashed exactly as Meta sent it (escapes such as {@code \/} and {@code \u00e9} included) rather
 * than as a JSON library would write it again, which could differ between servers or versions.
 *
 * <p>A small scanner over bytes: JSON's structural characters are ASCII and never occur inside a
 * UTF-8 multi-byte sequence. It expects a body that a JSON parser has already accepted; on anything
 * else it gives up and the caller falls back to the parsed events.
 */
final class EventSpans {

  /**
   * Where one value lies in the body.
   *
   * @param start index of its first byte
   * @param end index after its last byte
   */
  record Span(int start, int end) {}

  private final byte[] body;
  private final Set<String> keys;
  private int at;

  private EventSpans(byte[] body, Set<String> keys) {
    this.body = body;
    this.keys = keys;
  }

  /**
   * Finds the elements of the arrays under the given keys of each {@code entry} item.
   *
   * @param body a delivery that parses as a JSON object
   * @param keys member names of an entry item whose array elements are wanted, e.g. {@code
   *     messaging}
   * @return per entry item, in order, the spans of each key's array elements (as with a JSON
   *     parser, the last of duplicate keys wins; an item that is not an object has no keys); empty
   *     when the body does not have the expected shape
   */
  static Optional<List<Map<String, List<Span>>>> find(byte[] body, Set<String> keys) {
    try {
      return Optional.ofNullable(new EventSpans(body, keys).root());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private List<Map<String, List<Span>>> root() {
    List<Map<String, List<Span>>> entries = null;
    expect('{');
    if (!next('}')) {
      do {
        String key = key();
        if (key.equals("entry") && peek() == '[') {
          entries = entries();
        } else {
          skipValue();
        }
      } while (next(','));
      expect('}');
    }
    return entries;
  }

  private List<Map<String, List<Span>>> entries() {
    List<Map<String, List<Span>>> entries = new ArrayList<>();
    expect('[');
    if (!next(']')) {
      do {
        if (peek() == '{') {
          entries.add(entry());
        } else {
          skipValue();
          entries.add(Map.of());
        }
      } while (next(','));
      expect(']');
    }
    return entries;
  }

  private Map<String, List<Span>> entry() {
    Map<String, List<Span>> arrays = new HashMap<>();
    expect('{');
    if (!next('}')) {
      do {
        String key = key();
        if (keys.contains(key) && peek() == '[') {
          arrays.put(key, elements());
        } else {
          arrays.remove(key);
          skipValue();
        }
      } while (next(','));
      expect('}');
    }
    return arrays;
  }

  private List<Span> elements() {
    List<Span> spans = new ArrayList<>();
    expect('[');
    if (!next(']')) {
      do {
        int start = skipBlanks();
        skipValue();
        spans.add(new Span(start, at));
      } while (next(','));
      expect(']');
    }
    return spans;
  }

  /** Reads a member name and its colon. Escapes are not decoded: the names looked for have none. */
  private String key() {
    skipBlanks();
    int start = at + 1;
    skipString();
    String key = new String(body, start, at - 1 - start, StandardCharsets.UTF_8);
    expect(':');
    return key;
  }

  private void skipValue() {
    switch (peek()) {
      case '{' -> {
        expect('{');
        if (!next('}')) {
          do {
            key();
            skipValue();
          } while (next(','));
          expect('}');
        }
      }
      case '[' -> {
        expect('[');
        if (!next(']')) {
          do {
            skipValue();
          } while (next(','));
          expect(']');
        }
      }
      case '"' -> skipString();
      default -> {
        int start = at;
        while (at < body.length && isLiteralByte(body[at])) {
          at++;
        }
        if (at == start) {
          throw new IllegalArgumentException("no value at " + start);
        }
      }
    }
  }

  private void skipString() {
    expect('"');
    while (true) {
      byte b = byteAt(at++);
      if (b == '\\') {
        at++;
      } else if (b == '"') {
        return;
      }
    }
  }

  private static boolean isLiteralByte(byte b) {
    return (b >= '0' && b <= '9')
        || (b >= 'a' && b <= 'z')
        || b == '-'
        || b == '+'
        || b == '.'
        || b == 'E';
  }

  private byte peek() {
    skipBlanks();
    return byteAt(at);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected " + c + " at " + at);
    }
    at++;
  }

  /** Consumes {@code c} if it comes next. */
  private boolean next(char c) {
    if (peek() == c) {
      at++;
      return true;
    }
    return false;
  }

  private int skipBlanks() {
    while (at < body.length
        && (body[at] == ' ' || body[at] == '\n' || body[at] == '\r' || body[at] == '\t')) {
      at++;
    }
    return at;
  }

  private byte byteAt(int index) {
    if (index >= body.length) {
      throw new IllegalArgumentException("body ends early");
    }
    return body[index];
  }
}
