package dev.plugboard.connector.error;

/**
 * The provider refused the connection's credentials (expired, revoked, wrong client secret): the
 * runtime answers {@code 401}-class and marks the connection as needing attention.
 *
 * @since 1
 */
public class AuthorizationException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what was refused, for the caller
   */
  public AuthorizationException(String message) {
    super(message);
  }

  /**
   * @param message what was refused, for the caller
   * @param providerError what the provider said
   * @param cause the underlying failure, or {@code null}
   */
  public AuthorizationException(String message, ProviderError providerError, Throwable cause) {
    super(message, providerError, cause);
  }
}
