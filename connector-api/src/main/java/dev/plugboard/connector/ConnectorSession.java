package dev.plugboard.connector;

import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.auth.AuthorizationCallback;
import dev.plugboard.connector.auth.AuthorizationRequest;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.schema.Setup;
import java.net.URI;

/**
 * A connector bound to one connection through its {@link ConnectorContext}: the object that talks
 * to the provider. Created by {@link Connector#open}, used by one thread for one request, then
 * dropped; it holds nothing beyond the context.
 *
 * <p>Every method that calls the provider reports failures with the unchecked exceptions of {@link
 * dev.plugboard.connector.error}: a {@link CallerException} for bad input, an {@link
 * dev.plugboard.connector.error.AuthorizationException} when credentials are refused, a {@link
 * dev.plugboard.connector.error.RateLimitException} and a {@link
 * dev.plugboard.connector.error.TransientException} for the runtime to retry or report, and a plain
 * {@link ConnectorException} for any other provider error. Messages never contain secrets.
 *
 * <p>Only the methods matching the connector's declared {@link
 * dev.plugboard.connector.auth.Authorization authorization} and {@link Capabilities} are called;
 * the others keep their defaults, which throw {@link UnsupportedOperationException}.
 *
 * @since 1
 */
public interface ConnectorSession {

  /**
   * Builds the provider's authorization (dialog) URL for an OAuth 2 connector, from the setup's
   * client id and scopes, the request's state and redirect URI and the connector's settings. Must
   * not call the provider.
   *
   * @param request the state and redirect URI chosen by the runtime
   * @return the URL to send the person's browser to
   */
  default URI authorizationUrl(AuthorizationRequest request) {
    throw new UnsupportedOperationException("this connector is not authorized with OAuth 2");
  }

  /**
   * Exchanges an authorization code for credentials: the provider's token response mapped to {@link
   * Credentials}, with any follow-up calls the provider needs (e.g. a long-lived token, the list of
   * Pages and their tokens). Called once per successful callback; the runtime stores the result
   * encrypted.
   *
   * @param callback the code and the redirect URI used
   * @return the credentials to store
   * @throws ConnectorException if the provider refuses the exchange
   */
  default Credentials exchange(AuthorizationCallback callback) {
    throw new UnsupportedOperationException("this connector is not authorized with OAuth 2");
  }

  /**
   * Called once after new credentials are stored, with a context that holds them, for work the
   * provider needs before events flow (e.g. subscribing each Page to the app's webhooks). A failure
   * is reported to the person and does not undo the authorization. The default does nothing.
   *
   * @return what was done, for the person; empty when nothing
   */
  default String onAuthorized() {
    return "";
  }

  /**
   * Checks the setup (and credentials, when authorized) against the provider, when {@link
   * Capabilities#connectionTest()} is declared.
   *
   * @return the outcome; problems the person can fix are a failed result, not an exception
   */
  default TestResult test() {
    throw new UnsupportedOperationException("this connector declares no connection test");
  }

  /**
   * Invokes a declared action with input the runtime has validated with {@link
   * Connector#validateInput}. The runtime never retries an action on its own after the request may
   * have reached the provider.
   *
   * @param action a declared action's name
   * @param input the validated input
   * @return the action's output
   * @throws CallerException if the action is unknown or the provider refuses the input
   */
  default ActionResult invoke(String action, Setup input) {
    throw new CallerException("unknown action '" + action + "'");
  }
}
