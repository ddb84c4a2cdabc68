package dev.plugboard.runtime.oauth.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.auth.AuthorizationRequest;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.ServiceDomain;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.catalog.control.SetupCheck;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.control.StatusPolicy;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts OAuth 2 authorizations: checks that the connection can be authorized, issues a state bound
 * to it and has the connector build the provider's dialog URL. {@link Callbacks} completes them.
 */
@ApplicationScoped
public class Authorizations {

  @Inject Connections connections;
  @Inject ConnectorRegistry registry;
  @Inject OAuthStates states;
  @Inject ServiceDomain serviceDomain;

  /**
   * Where to send the person's browser.
   *
   * @param authorizationUrl the provider's dialog, with the state and the redirect URI
   * @param redirectUri where the provider sends the browser back
   * @param expiresAt when the state stops being accepted
   */
  public record Started(URI authorizationUrl, URI redirectUri, Instant expiresAt) {}

  /**
   * Runs in the caller's transaction, which stores the state.
   *
   * @param tenant the tenant asking
   * @param id the connection
   * @return the dialog URL
   * @throws ProblemException 404 for another tenant's connection, 409 when the connector is not
   *     authorized with OAuth 2 or the setup is not complete
   */
  public Started start(TenantId tenant, ConnectionId id) {
    return start(tenant, id, Optional.empty());
  }

  /**
   * Runs in the caller's transaction, which stores the state.
   *
   * @param tenant the connection's tenant
   * @param id the connection
   * @param setupLinkHash the hash of the setup link the authorization is started from, if any: the
   *     callback then sends the browser back to the setup page and marks the link used
   * @return the dialog URL
   * @throws ProblemException 404 for another tenant's connection, 409 when the connector is not
   *     authorized with OAuth 2 or the setup is not complete
   */
  public Started start(TenantId tenant, ConnectionId id, Optional<String> setupLinkHash) {
    Connection connection = connections.require(tenant, id);
    Connector connector = connections.connectorOf(connection);
    Authorization authorization = connector.descriptor().authorization();
    if (!(authorization instanceof Authorization.OAuth2AuthorizationCode)) {
      throw ProblemException.conflict(
          connector.descriptor().name()
              + " is not authorized with OAuth 2 (its authorization is "
              + authorization.kind()
              + "): the setup alone connects it.");
    }
    Setup effective = connections.effectiveSetup(connection, connector);
    SetupCheck check = SetupCheck.of(connector, effective);
    if (!check.complete()) {
      throw ProblemException.conflict(
          "Complete the setup before authorizing. "
              + StatusPolicy.decide(check, authorization, false)
                  .reason()
                  .orElse("Some values are invalid."));
    }
    URI redirectUri = serviceDomain.callbackUri();
    OAuthStates.Issued issued = states.issue(connection, redirectUri, setupLinkHash);
    URI dialog =
        connector
            .open(registry.context(connector, effective, Optional.empty()))
            .authorizationUrl(new AuthorizationRequest(issued.state(), redirectUri));
    return new Started(dialog, redirectUri, issued.expiresAt());
  }
}
