package dev.plugboard.runtime.webhook.boundary;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides which refused webhook requests are logged: the first refusal at a webhook URL, then at
 * most one per interval there, with the number of refusals left out since the last line.
 *
 * <p>A sender with a wrong secret, or anyone who knows a webhook URL, can send thousands of
 * requests a second, each refused; a line for each would cost more than refusing it and fill the
 * disk. Refusals left out after the last line of a burst are counted into the next line at that
 * URL, if there is one. At most {@link #MAX_URLS} URLs are tracked; beyond that the table is
 * cleared and starts again (so a refusal may be logged a little more often than once per interval).
 */
final class RefusalLog {

  /** URLs tracked at once: more than the connections of a large installation. */
  static final int MAX_URLS = 100_000;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * @param interval the least time between two lines about the same URL
   * @param unit its unit
   * @param nanoTime the clock ({@code System::nanoTime})
   */
  RefusalLog(long interval, TimeUnit unit, LongSupplier nanoTime) {
    this.intervalNanos = unit.toNanos(interval);
    this.nanoTime = nanoTime;
  }

  /**
   * Records one refusal at a URL.
   *
   * @param url what identifies the webhook URL (its target)
   * @return empty when this refusal is left out; otherwise how many refusals at this URL were left
   *     out since the last line (0 for the first)
   */
  OptionalLong admit(String url) {
    long now = nanoTime.getAsLong();
    Window window = windows.get(url);
    if (window == null) {
      if (windows.size() >= MAX_URLS) {
        windows.clear();
      }
      window = windows.computeIfAbsent(url, k -> new Window());
    }
    return window.admit(now, intervalNanos);
  }

  /**
   * @return how many URLs are tracked
   */
  int tracked() {
    return windows.size();
  }

  /** When a URL's last line was logged and how many refusals there were left out since. */
  private static final class Window {
    private boolean logged;
    private long lastLine;
    private long leftOut;

    synchronized OptionalLong admit(long now, long intervalNanos) {
      if (logged && now - lastLine < intervalNanos) {
        leftOut++;
        return OptionalLong.empty();
      }
      long count = leftOut;
      logged = true;
      lastLine = now;
      leftOut = 0;
      return OptionalLong.of(count);
    }
  }
}
