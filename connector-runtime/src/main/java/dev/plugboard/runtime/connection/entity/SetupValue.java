package dev.plugboard.runtime.connection.entity;

import dev.plugboard.runtime.catalog.entity.FieldValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A value the tenant set for one field of one connection. */
@Entity
@Table(name = "setup_value")
@IdClass(SetupValue.Key.class)
public class SetupValue extends FieldValue {

  /**
   * The primary key.
   *
   * @param connectionId the connection
   * @param fieldKey the field
   */
  public record Key(String connectionId, String fieldKey) {}

  @Id
  @Column(name = "connection_id")
  private String connectionId;

  @Id
  @Column(name = "field_key")
  private String fieldKey;

  protected SetupValue() {}

  public SetupValue(ConnectionId connection, String fieldKey) {
    this.connectionId = connection.value();
    this.fieldKey = fieldKey;
  }

  @Override
  public String fieldKey() {
    return fieldKey;
  }

  @Override
  public String owner() {
    return "setup/" + connectionId + "/" + fieldKey;
  }
}
