package dev.plugboard.runtime.connection.boundary;

import dev.plugboard.connector.ConnectorDescriptor;
import dev.plugboard.connector.schema.Field;
import dev.plugboard.runtime.ServiceDomain;
import dev.plugboard.runtime.catalog.boundary.SecretState;
import dev.plugboard.runtime.catalog.boundary.SetupView;
import dev.plugboard.runtime.catalog.control.ConnectorDefaults;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.catalog.entity.ConnectorDefault;
import dev.plugboard.runtime.catalog.entity.FieldValue;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.connection.entity.SetupValue;
import dev.plugboard.runtime.credential.control.CredentialStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders connections for the API, with secrets masked and URLs under the service domain. */
@ApplicationScoped
public class ConnectionViews {

  @Inject ConnectionStore store;
  @Inject ConnectorRegistry registry;
  @Inject ConnectorDefaults defaults;
  @Inject CredentialStore credentials;
  @Inject ServiceDomain serviceDomain;

  /**
   * @param c a connection
   * @return how the API shows it
   */
  public ConnectionView of(Connection c) {
    Optional<ConnectorDescriptor> descriptor =
        registry.find(c.connectorId()).map(connector -> connector.descriptor());
    List<Field> schema = descriptor.map(ConnectorDescriptor::authFields).orElse(List.of());
    List<SetupValue> rows = store.setupValues(c);
    return new ConnectionView(
        c.id().value(),
        c.tenant().value(),
        c.connectorId(),
        c.name(),
        c.description().orElse(null),
        descriptor.isPresent() ? c.status() : ConnectionStatus.ERROR,
        descriptor.isPresent()
            ? c.statusReason().orElse(null)
            // Its plugin was removed: derived here, not stored, so it recovers when the plugin
            // returns.
            : "Connector '" + c.connectorId() + "' is not installed",
        SetupView.of(schema, f -> f.level().tenantMaySet(), rows),
        inherited(schema, rows, defaults.rows(c.connectorId())),
        serviceDomain.webhookUrl(c.webhookKey()),
        serviceDomain.callbackUri().toString(),
        c.version(),
        c.createdAt(),
        c.updatedAt(),
        credentials.resources(c).stream()
            .map(r -> new ConnectionView.ResourceView(r.resourceId(), r.name()))
            .toList(),
        credentials.authorizedAt(c).orElse(null));
  }

  private static Map<String, Object> inherited(
      List<Field> schema, List<SetupValue> own, List<ConnectorDefault> operator) {
    Map<String, Object> view = new LinkedHashMap<>();
    for (Field field : schema) {
      if (find(own, field).isPresent()) {
        continue;
      }
      Optional<ConnectorDefault> fromOperator = find(operator, field);
      if (fromOperator.isPresent()) {
        view.put(
            field.key(),
            field.secret() ? new SecretState(true) : fromOperator.get().plainValue().orElse(null));
      } else {
        field.defaultValue().ifPresent(v -> view.put(field.key(), v));
      }
    }
    return view;
  }

  private static <R extends FieldValue> Optional<R> find(List<R> rows, Field field) {
    return rows.stream().filter(r -> r.fieldKey().equals(field.key())).findFirst();
  }
}
