package dev.plugboard.runtime.connection.control;

import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.catalog.control.SetupCheck;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import java.util.Optional;
import java.util.stream.Collectors;

/** Derives a connection's status from its effective setup and whether it holds credentials. */
public final class StatusPolicy {

  private StatusPolicy() {}

  /**
   * The status and what to tell the tenant about it.
   *
   * @param status the status
   * @param reason what is missing, or empty
   */
  public record Decision(ConnectionStatus status, Optional<String> reason) {}

  /**
   * @param check the connector's verdict on the effective setup
   * @param authorization how the connector is authorized
   * @param hasCredentials whether the connection holds credentials
   * @return the status
   */
  public static Decision decide(
      SetupCheck check, Authorization authorization, boolean hasCredentials) {
    if (!check.complete()) {
      String missing = check.missing().stream().map(Field::label).collect(Collectors.joining(", "));
      return new Decision(
          ConnectionStatus.NEEDS_SETUP,
          Optional.of(
              missing.isEmpty()
                  ? "Some values are invalid: validate the setup to see which."
                  : "Missing: " + missing + "."));
    }
    if (authorization instanceof Authorization.OAuth2AuthorizationCode && !hasCredentials) {
      return new Decision(
          ConnectionStatus.NEEDS_AUTHORIZATION,
          Optional.of("Authorize the connection with the provider."));
    }
    return new Decision(ConnectionStatus.CONNECTED, Optional.empty());
  }
}
