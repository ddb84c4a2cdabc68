package dev.plugboard.runtime.oauth.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.connector.auth.AuthorizationCallback;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.control.ConnectorCalls;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.oauth.entity.OAuthState;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Completes an OAuth 2 authorization when the provider sends the browser back: spends the state,
 * has the connector exchange the code, stores the credentials sealed and lets the connector do what
 * the provider needs after an authorization. Only the state says which connection is meant, and
 * only that connection is touched. The provider calls run outside any transaction and the code
 * exchange is never retried (a code works once).
 */
@ApplicationScoped
public class Callbacks {

  private static final Logger LOG = Logger.getLogger(Callbacks.class.getName());
  private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,40}");
  private static final int MAX_MESSAGE = 600;

  @Inject OAuthStates states;
  @Inject AuthorizationRecords records;
  @Inject Connections connections;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorCalls calls;

  /**
   * What the provider sent back.
   *
   * @param state the state, if any
   * @param code the authorization code, if granted
   * @param error the OAuth 2 error code, if refused, e.g. {@code access_denied}
   * @param errorDescription the provider's words about the error
   */
  public record Request(
      Optional<String> state,
      Optional<String> code,
      Optional<String> error,
      Optional<String> errorDescription) {

    /** Hides the code and the state. */
    @Override
    public String toString() {
      return "Request[error=" + error.orElse("none") + "]";
    }
  }

  /** How the browser is answered. */
  public sealed interface Outcome {}

  /**
   * A page that explains why nothing happened, when there is no connection to go back to.
   *
   * @param status the HTTP status
   * @param title what happened, in a few words
   * @param message what happened and what to do
   */
  public record ErrorPage(int status, String title, String message) implements Outcome {}

  /**
   * Back to the connection's page in the admin UI, with the outcome in the query.
   *
   * @param connection the connection the state was bound to
   * @param query e.g. {@code authorized=1}, or {@code error} and {@code message}
   */
  public record BackToConnection(ConnectionId connection, Map<String, String> query)
      implements Outcome {}

  /**
   * Back to the end-customer setup page the authorization was started from, with the outcome in the
   * fragment. The link's token is not known here (only its hash is stored): the page keeps it.
   *
   * @param fragment e.g. {@code authorized=1}, or {@code error} and {@code message}
   */
  public record BackToSetupPage(Map<String, String> fragment) implements Outcome {}

  /**
   * @param request what the provider sent back
   * @return how to answer the browser
   */
  public Outcome complete(Request request) {
    if (request.state().filter(s -> !s.isEmpty()).isEmpty()) {
      return new ErrorPage(
          400,
          "This authorization cannot be completed",
          "The provider sent the browser back without the state that says which authorization it"
              + " belongs to, so nothing was stored. Start again from the connection page with"
              + " Authorize.");
    }
    OAuthStates.Spent spent = states.spend(request.state().get());
    if (spent instanceof OAuthStates.Refused refused) {
      return refusedState(refused.reason());
    }
    OAuthState state = ((OAuthStates.Accepted) spent).state();
    Outcome outcome = complete(state, request);
    if (state.setupLinkHash().isPresent() && outcome instanceof BackToConnection back) {
      return new BackToSetupPage(back.query());
    }
    return outcome;
  }

  private Outcome complete(OAuthState state, Request request) {
    TenantId tenant = state.tenant();
    ConnectionId id = state.connection();

    if (request.error().isPresent()) {
      String code = request.error().get();
      String safe = ERROR_CODE.matcher(code).matches() ? code : "authorization_failed";
      records.notCompleted(tenant, id, safe);
      return back(
          id,
          "error",
          safe,
          "message",
          safe.equals("access_denied")
              ? "The authorization was cancelled at the provider, or the permissions were not"
                  + " granted. Nothing was changed: authorize again when you are ready."
              : "The provider did not authorize the connection ("
                  + safe
                  + request.errorDescription().map(d -> ": " + d).orElse("")
                  + "). Nothing was changed.");
    }
    Optional<String> code = request.code().filter(c -> !c.isBlank());
    if (code.isEmpty()) {
      records.notCompleted(tenant, id, "invalid_callback");
      return back(
          id,
          "error",
          "invalid_callback",
          "message",
          "The provider sent the browser back without an authorization code. Nothing was changed:"
              + " start again with Authorize.");
    }

    Optional<Connection> found = records.find(tenant, id);
    if (found.isEmpty()) {
      return new ErrorPage(
          404,
          "This connection no longer exists",
          "The connection this authorization was for has been removed, so nothing was stored.");
    }
    Connection connection = found.get();
    Optional<Connector> connector = registry.find(connection.connectorId());
    if (connector.isEmpty()
        || !(connector.get().descriptor().authorization()
            instanceof Authorization.OAuth2AuthorizationCode)) {
      records.notCompleted(tenant, id, "exchange_failed");
      return back(
          id,
          "error",
          "exchange_failed",
          "message",
          "The connector of this connection is no longer installed on the platform, so the"
              + " authorization could not be completed.");
    }
    return exchange(
        connection,
        connector.get(),
        new AuthorizationCallback(code.get(), state.redirectUri()),
        state.setupLinkHash());
  }

  private Outcome exchange(
      Connection connection,
      Connector connector,
      AuthorizationCallback callback,
      Optional<String> setupLinkHash) {
    TenantId tenant = connection.tenant();
    ConnectionId id = connection.id();
    String provider = connector.descriptor().name();
    Setup setup = connections.effectiveSetup(connection, connector);
    Credentials granted;
    try {
      granted =
          calls.run(
              "the authorization code exchange",
              () ->
                  connector
                      .open(registry.context(connector, setup, Optional.empty()))
                      .exchange(callback));
    } catch (ConnectorException e) {
      // The SPI keeps secrets out of connector exception messages.
      return exchangeFailed(
          tenant, id, provider + " did not accept the authorization: " + e.getMessage());
    } catch (ConnectorCalls.TimedOut e) {
      return exchangeFailed(
          tenant, id, provider + " did not answer in time: " + e.getMessage() + ".");
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      LOG.log(
          Level.WARNING, "Code exchange of connection " + id + " failed, error id " + errorId, e);
      return exchangeFailed(
          tenant,
          id,
          "The connector failed unexpectedly while completing the authorization. Quote error id "
              + errorId
              + " to the operator.");
    }

    Optional<Connection> stored = records.authorized(tenant, id, connector, granted, setupLinkHash);
    if (stored.isEmpty()) {
      return new ErrorPage(
          404,
          "This connection no longer exists",
          "The connection was removed while it was being authorized, so nothing was stored.");
    }
    return followUp(stored.get(), connector, setup, granted);
  }

  /** The connector's work after an authorization: a failure is reported, not undone. */
  private Outcome followUp(
      Connection connection, Connector connector, Setup setup, Credentials granted) {
    String done;
    try {
      done =
          calls.run(
              "the work after the authorization",
              () ->
                  connector
                      .open(registry.context(connector, setup, Optional.of(granted)))
                      .onAuthorized());
    } catch (ConnectorException | ConnectorCalls.TimedOut e) {
      String warning = "Authorized, but " + e.getMessage();
      records.followUpFailed(connection.tenant(), connection.id(), fit(warning));
      return back(connection.id(), "authorized", "1", "warning", warning);
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString();
      LOG.log(
          Level.WARNING,
          "Work after the authorization of connection "
              + connection.id()
              + " failed, error id "
              + errorId,
          e);
      String warning =
          "Authorized, but the connector failed afterwards. Quote error id "
              + errorId
              + " to the operator.";
      records.followUpFailed(connection.tenant(), connection.id(), warning);
      return back(connection.id(), "authorized", "1", "warning", warning);
    }
    return done == null || done.isBlank()
        ? back(connection.id(), "authorized", "1")
        : back(connection.id(), "authorized", "1", "message", done);
  }

  private Outcome exchangeFailed(TenantId tenant, ConnectionId id, String message) {
    records.notCompleted(tenant, id, "exchange_failed");
    return back(id, "error", "exchange_failed", "message", message);
  }

  private Outcome refusedState(OAuthStates.Reason reason) {
    String again = " Nothing was stored. Start again from the connection page with Authorize.";
    return switch (reason) {
      case USED ->
          new ErrorPage(
              400,
              "This authorization link was already used",
              "Each authorization link works once, and this one has been used." + again);
      case EXPIRED ->
          new ErrorPage(
              400,
              "This authorization link has expired",
              "Authorization links are valid for "
                  + minutes(states.ttl())
                  + " after you click Authorize, and this one is older."
                  + again);
      case UNKNOWN ->
          new ErrorPage(
              400,
              "This authorization link is not valid",
              "The link was not issued by this platform, or its connection has been removed."
                  + again);
    };
  }

  private static String minutes(java.time.Duration ttl) {
    long minutes = ttl.toMinutes();
    return minutes >= 1
        ? minutes + (minutes == 1 ? " minute" : " minutes")
        : ttl.toSeconds() + " seconds";
  }

  private static BackToConnection back(ConnectionId id, String... keysAndValues) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      query.put(keysAndValues[i], fit(keysAndValues[i + 1]));
    }
    return new BackToConnection(id, query);
  }

  private static String fit(String text) {
    return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "\u2026";
  }
}
