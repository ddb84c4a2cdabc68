package dev.plugboard.runtime.paging;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, in JSON {@code {items, next}}: {@code next} is the cursor for the following
 * page and is absent on the last one.
 *
 * @param items the items, in list order
 * @param next the token for the following page, or {@code null} at the end
 * @param <T> the item type
 */
public record Page<T>(List<T> items, String next) {

  /** Copies the items. */
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Cuts a page from rows fetched with {@code limit + 1}: the extra row only tells that there is
   * more.
   *
   * @param rows up to {@code limit + 1} rows in list order
   * @param request the request the rows were fetched for
   * @param cursor the position of a row
   * @param <T> the row type
   * @return the page, with {@code next} when a row was left over
   */
  public static <T> Page<T> cut(List<T> rows, PageRequest request, Function<T, Cursor> cursor) {
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, request.limit());
    return new Page<>(items, cursor.apply(items.get(items.size() - 1)).encode());
  }

  /**
   * @param view how to show an item
   * @param <V> the shown type
   * @return the same page with each item shown
   */
  public <V> Page<V> map(Function<T, V> view) {
    return new Page<>(items.stream().map(view).toList(), next);
  }
}
