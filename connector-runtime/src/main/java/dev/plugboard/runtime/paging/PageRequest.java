package dev.plugboard.runtime.paging;

import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * Which page of a list to return: the items after a cursor, at most {@code limit} of them.
 *
 * @param after the last item of the previous page, or empty for the first page
 * @param limit how many items at most, 1 to {@link #MAX_LIMIT}
 */
public record PageRequest(Optional<Cursor> after, int limit) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /**
   * Reads the {@code after} and {@code limit} query parameters.
   *
   * @param after the cursor token, or {@code null}
   * @param limit the page size, or {@code null} for the default
   * @return the request
   * @throws ProblemException 422 when either parameter is invalid
   */
  public static PageRequest of(String after, Integer limit) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.invalid(
          List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
    }
    if (after == null || after.isEmpty()) {
      return new PageRequest(Optional.empty(), size);
    }
    Cursor cursor =
        Cursor.decode(after)
            .orElseThrow(
                () ->
                    ProblemException.invalid(
                        List.of(new FieldError("after", "is not a cursor this API returned"))));
    return new PageRequest(Optional.of(cursor), size);
  }

  /**
   * @return the position the page starts after: the cursor, or {@link Cursor#START}
   */
  public Cursor from() {
    return after.orElse(Cursor.START);
  }
}
