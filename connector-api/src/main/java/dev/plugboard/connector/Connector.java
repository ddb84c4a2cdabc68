package dev.plugboard.connector;

import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.WebhookHandler;
import java.util.Optional;

/**
 * A connector type, e.g. Facebook Messenger: the one entry point the runtime finds through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/dev.plugboard.connector.Connector}).
 *
 * <p><b>Lifecycle.</b> The runtime creates one instance per connector type with the public no-arg
 * constructor, checks it (see {@link dev.plugboard.connector.loader.ConnectorLoader}) and keeps it
 * for as long as the connector is installed. For each use of a connection it calls {@link
 * #open(ConnectorContext)} to get a cheap {@link ConnectorSession} bound to that connection.
 *
 * <p><b>Threading.</b> An instance is called from many threads at once, for many tenants; it must
 * be stateless or thread-safe, and must never keep one connection's data where another could reach
 * it.
 *
 * <p><b>Growth.</b> Methods are only ever added, with defaults.
 *
 * @since 1
 */
public interface Connector {

  /**
   * What the connector is: identity, auth-field schema, authorization, settings and capabilities.
   * Must return equal values on every call.
   *
   * @return the descriptor, never {@code null}
   */
  ConnectorDescriptor descriptor();

  /**
   * Checks a setup before the runtime stores it or uses it: one result per auth field, in schema
   * order. The default applies the checks the schema implies ({@link Validation#of}); override to
   * add the connector's own (e.g. that an app id is all digits), starting from the default.
   *
   * <p>Called with the effective setup (tenant values over operator defaults) when a connection is
   * saved, and with the operator's values alone when defaults are saved. Must not call the
   * provider: that is what {@link ConnectorSession#test()} is for.
   *
   * @param setup the values to check; never {@code null}
   * @return one result per auth field
   */
  default Validation validate(Setup setup) {
    return Validation.of(descriptor().authFields(), setup);
  }

  /**
   * Checks an action's input before {@link ConnectorSession#invoke} is called: one result per input
   * field. The default applies the checks the input fields imply.
   *
   * @param action a declared action's name
   * @param input the caller's values
   * @return one result per input field
   * @throws CallerException if the action is not declared
   */
  default Validation validateInput(String action, Setup input) {
    ActionDescriptor declared =
        descriptor().capabilities().actions().stream()
            .filter(a -> a.name().equals(action))
            .findFirst()
            .orElseThrow(() -> new CallerException("unknown action '" + action + "'"));
    return Validation.of(declared.input(), input);
  }

  /**
   * The webhook handling of the connector, present exactly when {@link Capabilities#webhooks()} is
   * declared.
   *
   * @return the handler, shared by all connections
   */
  default Optional<WebhookHandler> webhooks() {
    return Optional.empty();
  }

  /**
   * Binds the connector to one connection. Must be cheap (no I/O): the runtime opens a session for
   * each request and drops it afterwards.
   *
   * @param context the connection's setup, credentials and facilities
   * @return a session used by one thread at a time
   */
  ConnectorSession open(ConnectorContext context);
}
