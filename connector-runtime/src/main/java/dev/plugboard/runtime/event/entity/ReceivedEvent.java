package dev.plugboard.runtime.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A webhook event stored for one connection, once: {@code (connection, externalId)} is unique. The
 * id grows with every insert and pages the list.
 */
@Entity
@Table(name = "webhook_event")
public class ReceivedEvent extends StoredEvent {

  @Column(name = "connection_id", nullable = false)
  private String connectionId;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  protected ReceivedEvent() {}

  public ReceivedEvent(String connectionId, String tenantId, EventData data, Instant receivedAt) {
    super(data, receivedAt);
    this.connectionId = connectionId;
    this.tenantId = tenantId;
  }

  public String connectionId() {
    return connectionId;
  }
}
