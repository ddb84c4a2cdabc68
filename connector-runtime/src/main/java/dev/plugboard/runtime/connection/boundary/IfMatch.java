package dev.plugboard.runtime.connection.boundary;

import java.util.OptionalLong;

/** Reads the If-Match header against connection versions, which are sent as ETag {@code "7"}. */
public final class IfMatch {

  /** A version no connection has: what an unreadable tag stands for, so that it never matches. */
  static final long NO_VERSION = -1;

  private IfMatch() {}

  /**
   * @param header the If-Match header, or {@code null}
   * @return the expected version; empty when any version will do (no header, or {@code *})
   */
  public static OptionalLong expectedVersion(String header) {
    if (header == null || header.isBlank() || header.strip().equals("*")) {
      return OptionalLong.empty();
    }
    String tag = header.strip();
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return OptionalLong.of(Long.parseLong(tag));
    } catch (NumberFormatException e) {
      return OptionalLong.of(NO_VERSION);
    }
  }

  /**
   * @param version a connection's version
   * @return its entity tag (JAX-RS adds the quotes)
   */
  public static String tag(long version) {
    return Long.toString(version);
  }
}
