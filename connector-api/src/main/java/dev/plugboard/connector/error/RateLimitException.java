package dev.plugboard.connector.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider asks for fewer calls: the runtime answers {@code 429}, with {@code Retry-After} when
 * the wait is known.
 *
 * @since 1
 */
public class RateLimitException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  private final transient Optional<Duration> retryAfter;

  /**
   * @param message what was limited, for the caller
   * @param retryAfter how long to wait, if the provider said
   * @param providerError what the provider said
   * @param cause the underlying failure, or {@code null}
   */
  public RateLimitException(
      String message, Optional<Duration> retryAfter, ProviderError providerError, Throwable cause) {
    super(message, providerError, cause);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /**
   * @return how long to wait before calling again, if known
   */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
