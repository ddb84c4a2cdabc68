package dev.plugboard.connector.error;

/**
 * The caller's input is wrong (an unknown action, a recipient the provider does not know, a
 * delivery that is not what the provider sends): the runtime answers with a {@code 4xx} and never
 * retries.
 *
 * @since 1
 */
public class CallerException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, for the caller
   */
  public CallerException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong, for the caller
   * @param providerError what the provider said
   * @param cause the underlying failure, or {@code null}
   */
  public CallerException(String message, ProviderError providerError, Throwable cause) {
    super(message, providerError, cause);
  }
}
