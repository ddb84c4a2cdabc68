package dev.plugboard.connector.error;

import java.util.Objects;

/**
 * A provider call failed for a reason none of the subclasses names: the runtime answers {@code
 * 502}. Subclasses say more: {@link CallerException} (the input is wrong), {@link
 * AuthorizationException} (credentials refused), {@link RateLimitException} (slow down) and {@link
 * TransientException} (try again).
 *
 * <p>Messages are shown to API callers: they must never contain secrets.
 *
 * @since 1
 */
public class ConnectorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ProviderError providerError;

  /**
   * @param message what failed, for the caller
   */
  public ConnectorException(String message) {
    this(message, ProviderError.none(), null);
  }

  /**
   * @param message what failed, for the caller
   * @param providerError what the provider said
   * @param cause the underlying failure, or {@code null}
   */
  public ConnectorException(String message, ProviderError providerError, Throwable cause) {
    super(message, cause);
    this.providerError = Objects.requireNonNull(providerError, "providerError");
  }

  /**
   * @return what the provider said, possibly nothing
   */
  public ProviderError providerError() {
    return providerError;
  }
}
