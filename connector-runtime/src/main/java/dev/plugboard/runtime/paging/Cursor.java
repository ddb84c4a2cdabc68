package dev.plugboard.runtime.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A position in a list ordered by creation time, then id: the last item a page showed. Clients see
 * it as an opaque token, so the order's columns can change without breaking them.
 *
 * @param createdAt the creation time of the last item shown
 * @param id the id of the last item shown
 */
public record Cursor(Instant createdAt, String id) {

  /**
   * Before every item: the platform stamps items with its own clock, so none is from before 1970. A
   * first page reads from here with the same query, and so the same index, as the pages after it.
   */
  public static final Cursor START = new Cursor(Instant.EPOCH, "");

  /** Checks the arguments. */
  public Cursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  /**
   * @return the token to hand out
   */
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param token a token from {@link #encode()}
   * @return the cursor, or empty when the token is not one this API issued
   */
  public static Optional<Cursor> decode(String token) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = text.indexOf('|');
      if (bar < 0 || bar == text.length() - 1) {
        return Optional.empty();
      }
      return Optional.of(
          new Cursor(Instant.parse(text.substring(0, bar)), text.substring(bar + 1)));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
