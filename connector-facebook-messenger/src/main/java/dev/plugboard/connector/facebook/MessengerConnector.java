package dev.plugboard.connector.facebook;

import static dev.plugboard.connector.facebook.MessengerDescriptor.CLIENT_ID;
import static dev.plugboard.connector.facebook.MessengerDescriptor.CLIENT_SECRET;
import static dev.plugboard.connector.facebook.MessengerDescriptor.NEEDED_SCOPES;
import static dev.plugboard.connector.facebook.MessengerDescriptor.SCOPES;
import static dev.plugboard.connector.facebook.MessengerDescriptor.SEND_MESSAGE;
import static dev.plugboard.connector.facebook.MessengerDescriptor.VERIFY_TOKEN;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.connector.webhook.WebhookHandler;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Facebook Messenger connector: Facebook Login for Pages, signed Messenger webhooks and the
 * Send API. Stateless: every connection's data comes through the {@link ConnectorContext} of its
 * session.
 */
public final class MessengerConnector implements Connector {

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern PERMISSION = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern BLANK = Pattern.compile(".*\\s.*", Pattern.DOTALL);
  private static final WebhookHandler WEBHOOKS = new MessengerWebhooks();

  /** Creates the connector; the runtime does so once, through {@link java.util.ServiceLoader}. */
  public MessengerConnector() {}

  @Override
  public ConnectorDescriptor descriptor() {
    return MessengerDescriptor.DESCRIPTOR;
  }

  @Override
  public Validation validate(Setup setup) {
    Validation validation = Connector.super.validate(setup);
    if (validation.valid(CLIENT_ID)
        && setup.has(CLIENT_ID)
        && !DIGITS.matcher(setup.require(CLIENT_ID)).matches()) {
      validation =
          validation.and(
              CLIENT_ID,
              "Client ID must be the App ID, which is all digits (App settings > Basic)");
    }
    if (validation.valid(CLIENT_SECRET)
        && setup.has(CLIENT_SECRET)
        && BLANK.matcher(setup.require(CLIENT_SECRET)).matches()) {
      validation =
          validation.and(
              CLIENT_SECRET, "Client Secret must not contain spaces (App settings > Basic)");
    }
    if (validation.valid(SCOPES) && setup.has(SCOPES)) {
      validation = validateScopes(validation, setup.list(SCOPES));
    }
    if (validation.valid(VERIFY_TOKEN)
        && setup.has(VERIFY_TOKEN)
        && BLANK.matcher(setup.require(VERIFY_TOKEN)).matches()) {
      validation = validation.and(VERIFY_TOKEN, "Verify Token must not contain spaces");
    }
    return validation;
  }

  private static Validation validateScopes(Validation validation, List<String> scopes) {
    for (int i = 0; i < scopes.size(); i++) {
      if (!PERMISSION.matcher(scopes.get(i)).matches()) {
        return validation.and(
            SCOPES,
            "Scopes: item "
                + (i + 1)
                + " is not a permission name; use lowercase names such as pages_messaging,"
                + " separated by commas");
      }
    }
    List<String> missing = NEEDED_SCOPES.stream().filter(s -> !scopes.contains(s)).toList();
    if (!missing.isEmpty()) {
      return validation.and(
          SCOPES,
          "Scopes must include "
              + String.join(" and ", missing)
              + ", which the connection needs to list your Pages and to message through them");
    }
    return validation;
  }

  @Override
  public Validation validateInput(String action, Setup input) {
    List<ActionDescriptor> actions = descriptor().capabilities().actions();
    ActionDescriptor declared =
        actions.stream()
            .filter(a -> a.name().equals(action))
            .findFirst()
            .orElseThrow(() -> new CallerException("unknown action '" + action + "'"));
    return action.equals(SEND_MESSAGE)
        ? SendMessage.validate(declared.input(), input)
        : Validation.of(declared.input(), input);
  }

  @Override
  public Optional<WebhookHandler> webhooks() {
    return Optional.of(WEBHOOKS);
  }

  @Override
  public ConnectorSession open(ConnectorContext context) {
    return new MessengerSession(context);
  }
}
