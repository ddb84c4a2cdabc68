package dev.plugboard.runtime.catalog.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A value the operator set for one field of a connector, for every tenant. */
@Entity
@Table(name = "connector_default")
@IdClass(ConnectorDefault.Key.class)
public class ConnectorDefault extends FieldValue {

  /**
   * The primary key.
   *
   * @param connectorId the connector
   * @param fieldKey the field
   */
  public record Key(String connectorId, String fieldKey) {}

  @Id
  @Column(name = "connector_id")
  private String connectorId;

  @Id
  @Column(name = "field_key")
  private String fieldKey;

  protected ConnectorDefault() {}

  public ConnectorDefault(String connectorId, String fieldKey) {
    this.connectorId = connectorId;
    this.fieldKey = fieldKey;
  }

  @Override
  public String fieldKey() {
    return fieldKey;
  }

  @Override
  public String owner() {
    return "connector-default/" + connectorId + "/" + fieldKey;
  }
}
