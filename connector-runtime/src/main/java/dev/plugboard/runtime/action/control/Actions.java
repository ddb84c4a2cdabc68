package dev.plugboard.runtime.action.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.Credentials;
import dev.plugboard.connector.action.ActionDescriptor;
import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.connector.schema.Validation;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.control.ConnectorCalls;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.credential.control.CredentialStore;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invokes a connection's actions: validates the input with the connector, calls it once (an action
 * is never retried: it may already have had its effect, e.g. a message sent), bounded in time and
 * outside any transaction, and turns the provider's refusals into problem details. When the
 * provider refuses the credentials, the connection moves to {@code ERROR} until it is authorized
 * again.
 */
@ApplicationScoped
public class Actions {

  @Inject Connections connections;
  @Inject ConnectorRegistry registry;
  @Inject CredentialStore credentials;
  @Inject ConnectorCalls calls;

  /**
   * @param tenant the tenant asking
   * @param id the connection
   * @param action the action's name
   * @param body the input, a JSON object of texts (numbers and booleans are taken as text)
   * @return the action's output
   * @throws ProblemException 404 for an unknown action, 422 for invalid input, 409 when the
   *     connection is not connected, and the provider's refusals as {@link ProviderProblems} says
   */
  public ActionResult invoke(TenantId tenant, ConnectionId id, String action, JsonObject body) {
    Connection connection = connections.require(tenant, id);
    Connector connector = connections.connectorOf(connection);
    ActionDescriptor declared =
        connector.descriptor().capabilities().actions().stream()
            .filter(a -> a.name().equals(action))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("action", action));
    Setup input = input(declared, body);
    Validation validation = connector.validateInput(action, input);
    if (!validation.valid()) {
      throw ProblemException.invalid(
          validation.errors().stream().map(e -> new FieldError(e.field(), e.message())).toList());
    }
    if (connection.status() != ConnectionStatus.CONNECTED) {
      throw ProblemException.conflict(
          "The connection is "
              + connection.status()
              + ", not CONNECTED"
              + connection.statusReason().map(r -> ": " + r).orElse(".")
              + " Its actions can be invoked once it is connected.");
    }
    Setup setup = connections.effectiveSetup(connection, connector);
    Optional<Credentials> granted = credentials.find(connection);
    try {
      return calls.run(
          "the action " + action,
          () -> connector.open(registry.context(connector, setup, granted)).invoke(action, input));
    } catch (AuthorizationException e) {
      connections.markRefused(connection, refusedReason(connector, e));
      throw new ProblemException(ProviderProblems.of(e));
    } catch (ConnectorException e) {
      throw new ProblemException(ProviderProblems.of(e));
    } catch (ConnectorCalls.TimedOut e) {
      throw new ProblemException(ProviderProblems.timedOut(e.getMessage()));
    }
  }

  private static String refusedReason(Connector connector, AuthorizationException e) {
    return connector.descriptor().name()
        + " refused the credentials"
        + e.providerError().code().map(c -> " (code " + c + ")").orElse("")
        + ": authorize again.";
  }

  /** The body's values as text, refusing members the action does not declare. */
  private static Setup input(ActionDescriptor action, JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> member : body.entrySet()) {
      String key = member.getKey();
      JsonValue value = member.getValue();
      if (action.input().stream().map(Field::key).noneMatch(key::equals)) {
        errors.add(new FieldError(key, "is not an input of " + action.name()));
        continue;
      }
      switch (value.getValueType()) {
        case STRING -> values.put(key, ((JsonString) value).getString());
        case NUMBER, TRUE, FALSE -> values.put(key, value.toString());
        case NULL -> {
          // left out
        }
        default -> errors.add(new FieldError(key, "must be a text"));
      }
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new Setup(values);
  }
}
