package dev.plugboard.runtime.catalog.control;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.schema.Setup;
import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.catalog.entity.ConnectorDefault;
import dev.plugboard.runtime.catalog.entity.DefaultsReplaced;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.entity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The operator's values for a connector's fields, shared by every tenant's connections. */
@ApplicationScoped
public class ConnectorDefaults {

  @Inject EntityManager entityManager;
  @Inject FieldValues values;
  @Inject AuditLog audit;
  @Inject Event<DefaultsReplaced> replaced;

  /**
   * @param connectorId a connector
   * @return the operator's stored rows for it
   */
  public List<ConnectorDefault> rows(String connectorId) {
    return entityManager
        .createQuery(
            "select d from ConnectorDefault d where d.connectorId = :connector",
            ConnectorDefault.class)
        .setParameter("connector", connectorId)
        .getResultList();
  }

  /**
   * What a tenant's values fall back to: the operator's values over the schema defaults, secrets
   * opened.
   *
   * @param descriptor a connector
   * @return the fallback setup
   */
  public Setup fallback(ConnectorDescriptor descriptor) {
    return new Setup(values.open(rows(descriptor.id())))
        .over(SetupCheck.schemaDefaults(descriptor));
  }

  /**
   * Replaces the operator's values. Secrets left out or {@code null} are kept.
   *
   * @param connector the connector
   * @param body the values sent
   * @param by who asked
   * @throws ProblemException 422 with per-field errors
   */
  public void replace(Connector connector, JsonObject body, Caller by) {
    ConnectorDescriptor descriptor = connector.descriptor();
    SetupInput input = SetupInput.read(descriptor.authFields(), SetupInput.Party.OPERATOR, body);
    if (!input.errors().isEmpty()) {
      throw ProblemException.invalid(input.errors());
    }
    List<ConnectorDefault> rows = rows(descriptor.id());
    Setup proposed =
        new Setup(input.applyTo(values.open(rows))).over(SetupCheck.schemaDefaults(descriptor));
    List<FieldError> invalid = SetupCheck.of(connector, proposed).invalidValues();
    if (!invalid.isEmpty()) {
      throw ProblemException.invalid(invalid);
    }
    List<String> changed =
        values.apply(
            input,
            descriptor.authFields(),
            rows,
            key -> new ConnectorDefault(descriptor.id(), key));
    audit.record(
        by.getName(),
        Optional.empty(),
        "connector.defaults-replaced",
        "connector/" + descriptor.id(),
        "fields: " + String.join(", ", changed));
    replaced.fire(new DefaultsReplaced(descriptor.id()));
  }
}
