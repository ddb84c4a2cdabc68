package dev.plugboard.runtime.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event that reached a connector's shared-app webhook URL but whose routing key (e.g. Page id)
 * no connection was authorized for: kept for the operator, once per connector and external id.
 */
@Entity
@Table(name = "unmatched_event")
public class UnmatchedEvent extends StoredEvent {

  @Column(name = "connector_id", nullable = false)
  private String connectorId;

  protected UnmatchedEvent() {}

  public UnmatchedEvent(String connectorId, EventData data, Instant receivedAt) {
    super(data, receivedAt);
    this.connectorId = connectorId;
  }
}
