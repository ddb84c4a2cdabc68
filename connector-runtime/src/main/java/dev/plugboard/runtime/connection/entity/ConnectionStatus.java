package dev.plugboard.runtime.connection.entity;

/** Where a connection stands, from the tenant's point of view. */
public enum ConnectionStatus {
  /** Required values are missing or invalid. */
  NEEDS_SETUP,
  /** The setup is complete; the connector's OAuth 2 grant has not been obtained yet. */
  NEEDS_AUTHORIZATION,
  /** Ready to use. */
  CONNECTED,
  /** The provider refused the connection's credentials or setup. */
  ERROR
}
