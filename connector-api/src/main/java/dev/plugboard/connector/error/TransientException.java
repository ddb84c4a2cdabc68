package dev.plugboard.connector.error;

/**
 * The call failed in a way that may pass if repeated (a timeout, a connection reset, a {@code 5xx},
 * a provider's "unexpected error"). The runtime may retry a call that cannot have had an effect (a
 * read), with backoff and a bound; otherwise it answers {@code 502}/{@code 503}.
 *
 * @since 1
 */
public class TransientException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, for the caller
   * @param providerError what the provider said
   * @param cause the underlying failure, or {@code null}
   */
  public TransientException(String message, ProviderError providerError, Throwable cause) {
    super(message, providerError, cause);
  }
}
