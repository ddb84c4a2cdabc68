package dev.plugboard.runtime.connection.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.catalog.control.ConnectorDefaults;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.catalog.control.FieldValues;
import dev.plugboard.runtime.catalog.control.SetupCheck;
import dev.plugboard.runtime.catalog.control.SetupInput;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.connection.entity.SetupValue;
import dev.plugboard.runtime.credential.control.CredentialStore;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.secret.control.Tokens;
import dev.plugboard.runtime.security.entity.Caller;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.TenantId;
import dev.plugboard.runtime.tenant.entity.TenantRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What tenants do with connections: install, set up, validate, test, uninstall. */
@ApplicationScoped
public class Connections {

  @Inject ConnectionStore store;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorDefaults defaults;
  @Inject FieldValues values;
  @Inject Tenants tenants;
  @Inject ConnectionTester tester;
  @Inject AuditLog audit;
  @Inject EntityManager entityManager;
  @Inject CredentialStore credentials;

  /**
   * @param tenant the tenant installing
   * @param connectorId the connector to install
   * @param name the connection's name
   * @param description what it is for, if said
   * @param setup initial values, if any
   * @param by who asked
   * @return the new connection
   * @throws ProblemException 404 for an unknown tenant or connector, 422 for invalid values
   */
  public Connection install(
      TenantId tenant,
      String connectorId,
      String name,
      Optional<String> description,
      Optional<JsonObject> setup,
      Caller by) {
    tenants.require(tenant);
    Connector connector = registry.require(connectorId);
    ConnectorDescriptor descriptor = connector.descriptor();
    SetupInput input = read(descriptor, setup.orElse(JsonObject.EMPTY_JSON_OBJECT));
    SetupCheck check = check(connector, new Setup(input.applyTo(Map.of())));
    Connection connection =
        new Connection(
            ConnectionId.random(),
            tenant,
            connectorId,
            name.strip(),
            description.map(String::strip).filter(d -> !d.isEmpty()).orElse(null),
            webhookKey());
    StatusPolicy.Decision decision = StatusPolicy.decide(check, descriptor.authorization(), false);
    connection.setupChanged(decision.status(), decision.reason());
    entityManager.persist(connection);
    List<String> fields =
        values.apply(
            input, descriptor.authFields(), List.of(), k -> new SetupValue(connection.id(), k));
    audit.record(
        by.getName(),
        Optional.of(tenant),
        "connection.installed",
        "connection/" + connection.id(),
        connectorId + "; fields: " + String.join(", ", fields));
    return connection;
  }

  /**
   * @param tenant the tenant asking
   * @param id a connection id
   * @return the tenant's connection
   * @throws ProblemException 404 when the tenant has no such connection
   */
  public Connection require(TenantId tenant, ConnectionId id) {
    tenants.require(tenant);
    return store.find(tenant, id).orElseThrow(() -> ProblemException.notFound("connection", id));
  }

  /**
   * Replaces the tenant's values; secrets left out or {@code null} keep their values.
   *
   * @param tenant the tenant asking
   * @param id the connection
   * @param body the values
   * @param expectedVersion the version the client last saw (If-Match), if it sent one
   * @param by who asked
   * @return the updated connection
   * @throws ProblemException 412 when the connection is no longer at the expected version, 422 for
   *     invalid values
   */
  public Connection replaceSetup(
      TenantId tenant, ConnectionId id, JsonObject body, OptionalLong expectedVersion, Caller by) {
    return replaceSetup(tenant, id, body, expectedVersion, by.getName());
  }

  /**
   * Replaces the tenant's values; secrets left out or {@code null} keep their values.
   *
   * @param tenant the connection's tenant
   * @param id the connection
   * @param body the values
   * @param expectedVersion the version the client last saw (If-Match), if it sent one
   * @param actor who asked, as the audit names them
   * @return the updated connection
   * @throws ProblemException 412 when the connection is no longer at the expected version, 422 for
   *     invalid values
   */
  public Connection replaceSetup(
      TenantId tenant,
      ConnectionId id,
      JsonObject body,
      OptionalLong expectedVersion,
      String actor) {
    Connection connection = require(tenant, id);
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() != connection.version()) {
      throw stale(connection.version());
    }
    Connector connector = connectorOf(connection);
    ConnectorDescriptor descriptor = connector.descriptor();
    SetupInput input = read(descriptor, body);
    List<SetupValue> rows = store.setupValues(connection);
    SetupCheck check = check(connector, new Setup(input.applyTo(values.open(rows))));
    List<String> fields =
        values.apply(input, descriptor.authFields(), rows, k -> new SetupValue(id, k));
    StatusPolicy.Decision decision =
        StatusPolicy.decide(check, descriptor.authorization(), store.hasCredentials(connection));
    connection.setupChanged(decision.status(), decision.reason());
    try {
      entityManager.flush();
    } catch (OptimisticLockException e) {
      // Someone saved in between: their update stands, this one is refused whole.
      throw expectedVersion.isPresent() ? stale(connection.version()) : e;
    }
    audit.record(
        actor,
        Optional.of(tenant),
        "connection.setup-replaced",
        "connection/" + id,
        "fields: " + String.join(", ", fields));
    return connection;
  }

  /**
   * Checks values as {@link #replaceSetup} would, without saving them.
   *
   * @param tenant the tenant asking
   * @param id the connection
   * @param body the values
   * @return every problem found, required values included
   */
  public List<FieldError> validate(TenantId tenant, ConnectionId id, JsonObject body) {
    Connection connection = require(tenant, id);
    Connector connector = connectorOf(connection);
    ConnectorDescriptor descriptor = connector.descriptor();
    SetupInput input = SetupInput.read(descriptor.authFields(), SetupInput.Party.TENANT, body);
    Setup proposed = new Setup(input.applyTo(values.open(store.setupValues(connection))));
    List<FieldError> errors = new ArrayList<>(input.errors());
    errors.addAll(SetupCheck.of(connector, proposed.over(defaults.fallback(descriptor))).errors());
    return errors;
  }

  /**
   * @param tenant the tenant asking
   * @param id the connection
   * @return the outcome of the connector's connection test
   */
  public TestResult test(TenantId tenant, ConnectionId id) {
    Connection connection = require(tenant, id);
    Connector connector = connectorOf(connection);
    if (!connector.descriptor().capabilities().connectionTest()) {
      return TestResult.failed("This connector has no connection test.");
    }
    Setup effective = effectiveSetup(connection, connector);
    SetupCheck check = SetupCheck.of(connector, effective);
    if (!check.complete()) {
      return TestResult.failed(
          StatusPolicy.decide(check, connector.descriptor().authorization(), false)
              .reason()
              .orElse("The setup is incomplete."));
    }
    // Until a connection has been authorized its connector is tested on the setup alone.
    return tester.run(
        connector.open(registry.context(connector, effective, credentials.find(connection))));
  }

  /**
   * What the connector works with: the tenant's values over the operator's over the schema's
   * defaults, secrets opened.
   *
   * @param connection a connection
   * @param connector its connector
   * @return the effective setup
   */
  public Setup effectiveSetup(Connection connection, Connector connector) {
    return new Setup(values.open(store.setupValues(connection)))
        .over(defaults.fallback(connector.descriptor()));
  }

  /**
   * Marks a connection whose credentials the provider refused: it stays so until it is authorized
   * again or its setup changes. Runs in a transaction of its own, since it is called after a
   * provider call that ran outside any.
   *
   * @param connection the connection, as loaded for its tenant
   * @param reason what the tenant should do
   */
  @Transactional(TxType.REQUIRES_NEW)
  public void markRefused(Connection connection, String reason) {
    store
        .find(connection.tenant(), connection.id())
        .ifPresent(
            current -> {
              current.statusChanged(ConnectionStatus.ERROR, Optional.of(reason));
              audit.record(
                  AuditLog.SYSTEM,
                  Optional.of(current.tenant()),
                  "connection.credentials-refused",
                  "connection/" + current.id(),
                  reason);
            });
  }

  /**
   * Uninstalls a connection, wiping its secrets and credentials.
   *
   * @param tenant the tenant asking
   * @param id the connection
   * @param by who asked
   */
  public void uninstall(TenantId tenant, ConnectionId id, Caller by) {
    Connection connection = require(tenant, id);
    store.delete(connection);
    audit.record(
        by.getName(),
        Optional.of(tenant),
        "connection.uninstalled",
        "connection/" + id,
        connection.connectorId());
  }

  void uninstallAll(@Observes TenantRemoved removed) {
    store.all(removed.tenant()).forEach(store::delete);
  }

  /**
   * @param connection a connection
   * @return its connector
   * @throws ProblemException 409 when the connector is no longer installed on the platform
   */
  public Connector connectorOf(Connection connection) {
    return registry
        .find(connection.connectorId())
        .orElseThrow(
            () ->
                ProblemException.conflict(
                    "The connector '"
                        + connection.connectorId()
                        + "' of this connection is not installed on the platform."));
  }

  private static SetupInput read(ConnectorDescriptor descriptor, JsonObject body) {
    SetupInput input = SetupInput.read(descriptor.authFields(), SetupInput.Party.TENANT, body);
    if (!input.errors().isEmpty()) {
      throw ProblemException.invalid(input.errors());
    }
    return input;
  }

  /** The connector's verdict on the tenant's values over the operator's; refuses wrong values. */
  private SetupCheck check(Connector connector, Setup tenantValues) {
    SetupCheck check =
        SetupCheck.of(connector, tenantValues.over(defaults.fallback(connector.descriptor())));
    if (!check.invalidValues().isEmpty()) {
      throw ProblemException.invalid(check.invalidValues());
    }
    return check;
  }

  private static ProblemException stale(long current) {
    return ProblemException.preconditionFailed(
        "The connection has changed since you read it (it is now at version "
            + current
            + "): fetch it again and reapply your change.");
  }

  private static String webhookKey() {
    return Tokens.random();
  }
}
