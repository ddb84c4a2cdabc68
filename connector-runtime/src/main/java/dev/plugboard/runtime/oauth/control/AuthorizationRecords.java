package dev.plugboard.runtime.oauth.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.GrantedResource;
import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.catalog.control.SetupCheck;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.control.StatusPolicy;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.credential.control.CredentialStore;
import dev.plugboard.runtime.oauth.entity.AuthorizationStored;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The writes of a callback, each in a short transaction of its own: the provider calls between them
 * run outside any transaction.
 */
@ApplicationScoped
public class AuthorizationRecords {

  /** The audit's actor for what a provider's callback does. */
  static final String ACTOR = "oauth-callback";

  @Inject ConnectionStore store;
  @Inject Connections connections;
  @Inject CredentialStore credentials;
  @Inject AuditLog audit;
  @Inject Event<AuthorizationStored> stored;

  /**
   * @param tenant the state's tenant
   * @param id the state's connection
   * @return the connection, if it still exists
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Connection> find(TenantId tenant, ConnectionId id) {
    return store.find(tenant, id);
  }

  /**
   * Stores new credentials sealed, and moves the connection to where its setup and credentials put
   * it ({@code CONNECTED} when the setup is complete), clearing any earlier error.
   *
   * @param tenant the state's tenant
   * @param id the state's connection
   * @param connector its connector
   * @param granted what the exchange returned
   * @param setupLinkHash the setup link the authorization was started from, if any
   * @return the connection, or empty when it was removed meanwhile (then nothing is stored)
   */
  @Transactional(TxType.REQUIRES_NEW)
  public Optional<Connection> authorized(
      TenantId tenant,
      ConnectionId id,
      Connector connector,
      Credentials granted,
      Optional<String> setupLinkHash) {
    Optional<Connection> found = store.find(tenant, id);
    found.ifPresent(
        connection -> {
          credentials.replace(connection, granted);
          StatusPolicy.Decision decision =
              StatusPolicy.decide(
                  SetupCheck.of(connector, connections.effectiveSetup(connection, connector)),
                  connector.descriptor().authorization(),
                  true);
          connection.statusChanged(decision.status(), decision.reason());
          audit.record(
              ACTOR,
              Optional.of(tenant),
              "connection.authorized",
              "connection/" + id,
              "resources: "
                  + (granted.resources().isEmpty()
                      ? "none"
                      : granted.resources().stream()
                          .map(GrantedResource::id)
                          .limit(20)
                          .collect(Collectors.joining(", ")))
                  + "; secrets: "
                  + String.join(", ", new java.util.TreeSet<>(granted.secrets().keySet())));
          stored.fire(new AuthorizationStored(tenant, id, setupLinkHash));
        });
    return found;
  }

  /**
   * Notes that the work after an authorization failed: the connection stays usable, with the reason
   * shown.
   *
   * @param tenant the state's tenant
   * @param id the state's connection
   * @param warning what failed, for the tenant
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void followUpFailed(TenantId tenant, ConnectionId id, String warning) {
    store
        .find(tenant, id)
        .filter(c -> c.status() == ConnectionStatus.CONNECTED)
        .ifPresent(c -> c.statusChanged(ConnectionStatus.CONNECTED, Optional.of(warning)));
    audit.record(
        ACTOR, Optional.of(tenant), "connection.authorized-with-warning", "connection/" + id, "");
  }

  /**
   * Notes an authorization that did not complete; the connection is left as it was.
   *
   * @param tenant the state's tenant
   * @param id the state's connection
   * @param outcome the error code sent to the admin UI
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void notCompleted(TenantId tenant, ConnectionId id, String outcome) {
    audit.record(
        ACTOR,
        Optional.of(tenant),
        "connection.authorization-not-completed",
        "connection/" + id,
        outcome);
  }
}
