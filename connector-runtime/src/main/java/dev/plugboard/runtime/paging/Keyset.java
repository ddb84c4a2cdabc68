package dev.plugboard.runtime.paging;

import jakarta.persistence.TypedQuery;
import java.util.function.Function;

/**
 * How the stores read one page of a list in (time, id) order, so that a page costs one page of rows
 * however long the list is: the query's condition starts an index range at the cursor ({@link
 * #after}), its order is the index's (the equality columns first, then time and id), and one row
 * more than the page is fetched to tell whether there is more ({@link #page}). The first page uses
 * the same query from {@link Cursor#START}.
 */
public final class Keyset {

  private Keyset() {}

  /**
   * @param time the JPQL path of the time column, e.g. {@code t.createdAt}
   * @param id the JPQL path of the id column
   * @return the condition "after the cursor {@code (:at, :id)}", written so that the database reads
   *     an index on (…, time, id) from the cursor on: {@code time >= :at} bounds the range, the
   *     rest skips the rows of the cursor's moment up to its id
   */
  public static String after(String time, String id) {
    return time + " >= :at and (" + time + " > :at or " + id + " > :id)";
  }

  /**
   * @param query a query with the condition of {@link #after} and the list's order
   * @param request the page
   * @param position the position of a row, for the next page's cursor
   * @param <T> the row type
   * @return the page
   */
  public static <T> Page<T> page(
      TypedQuery<T> query, PageRequest request, Function<T, Cursor> position) {
    Cursor from = request.from();
    return Page.cut(
        query
            .setParameter("at", from.createdAt())
            .setParameter("id", from.id())
            .setMaxResults(request.limit() + 1)
            .getResultList(),
        request,
        position);
  }
}
