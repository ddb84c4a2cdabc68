package dev.plugboard.runtime.event.control;

import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Paging through events: an opaque cursor naming the last event shown, and the page size (default
 * {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}).
 *
 * @param afterId the id of the last event shown, 0 for the first page
 * @param limit how many events at most
 */
public record EventCursor(long afterId, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  private static final String PREFIX = "event:";

  /**
   * Reads the {@code after} and {@code limit} query parameters.
   *
   * @param after a cursor from an earlier page, or {@code null}
   * @param limit the page size, or {@code null}
   * @return the request
   * @throws ProblemException 422 when either is invalid
   */
  public static EventCursor of(String after, Integer limit) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.invalid(
          List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
    }
    if (after == null || after.isEmpty()) {
      return new EventCursor(0, size);
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long id = Long.parseLong(text.substring(PREFIX.length()));
        if (id >= 0) {
          return new EventCursor(id, size);
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw ProblemException.invalid(
        List.of(new FieldError("after", "is not a cursor this API returned")));
  }

  static String encode(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + id).getBytes(StandardCharsets.UTF_8));
  }
}
