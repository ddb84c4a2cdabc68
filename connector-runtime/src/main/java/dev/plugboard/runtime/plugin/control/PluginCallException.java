package dev.plugboard.runtime.plugin.control;

import dev.plugboard.connector.error.ConnectorException;
import java.time.Duration;

/**
 * A call into a plugin's connector that did not come back with an answer: it took too long, the
 * plugin was too busy to take it, the plugin was removed meanwhile, or the plugin's code failed in
 * a way the SPI does not allow (a runtime exception or a linkage error instead of a {@link
 * ConnectorException}). Its message is safe to show: it names the connector, never what the plugin
 * said.
 */
public class PluginCallException extends ConnectorException {

  private static final long serialVersionUID = 1L;

  /** Why the call failed, with the HTTP status the API answers. */
  public enum Kind {
    /** The plugin's code threw what the SPI does not allow. */
    FAILED(502),
    /** The plugin's threads and queue are full. */
    BUSY(503),
    /** The plugin was removed while the call was on its way. */
    REMOVED(503),
    /** The call did not finish within the time limit. */
    TIMED_OUT(504);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /**
     * @return the HTTP status the API answers with
     */
    public int status() {
      return status;
    }
  }

  private final Kind kind;

  private PluginCallException(Kind kind, String message, Throwable cause) {
    super(message, dev.plugboard.connector.error.ProviderError.none(), cause);
    this.kind = kind;
  }

  /**
   * @return why the call failed
   */
  public Kind kind() {
    return kind;
  }

  static PluginCallException timedOut(String connectorId, Duration limit) {
    return new PluginCallException(
        Kind.TIMED_OUT,
        "Connector '" + connectorId + "' did not answer within " + seconds(limit) + ".",
        null);
  }

  static PluginCallException busy(String connectorId) {
    return new PluginCallException(
        Kind.BUSY,
        "Connector '"
            + connectorId
            + "' is busy: too many calls to it are waiting. Try again in a moment.",
        null);
  }

  static PluginCallException removed(String connectorId) {
    return new PluginCallException(
        Kind.REMOVED, "Connector '" + connectorId + "' has been removed from the platform.", null);
  }

  static PluginCallException failed(String connectorId, String errorId, Throwable cause) {
    return new PluginCallException(
        Kind.FAILED,
        "Connector '"
            + connectorId
            + "' failed unexpectedly. Quote error id "
            + errorId
            + " to the operator.",
        cause);
  }

  static String seconds(Duration limit) {
    long millis = limit.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
  }
}
