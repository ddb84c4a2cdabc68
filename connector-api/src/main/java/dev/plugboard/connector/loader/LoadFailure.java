package dev.plugboard.connector.loader;

import java.util.Objects;
import java.util.Optional;

/**
 * A connector the loader refused, with the reason.
 *
 * @param source where it came from: the provider class name, or the service entry that failed
 * @param connectorId the id it claimed, when it got that far
 * @param reason why it was refused, a sentence for the operator
 * @since 1
 */
public record LoadFailure(String source, Optional<String> connectorId, String reason) {

  /**
   * Checks the arguments.
   *
   * @param source where it came from: the provider class name, or the service entry that failed
   * @param connectorId the id it claimed, when it got that far
   * @param reason why it was refused, a sentence for the operator
   */
  public LoadFailure {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(connectorId, "connectorId");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * @return one line for the log
   */
  public String describe() {
    return "Refused connector "
        + connectorId.map(id -> "'" + id + "' (" + source + ")").orElse(source)
        + ": "
        + reason;
  }
}
