package dev.plugboard.runtime.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * An event that reached a connector's shared-app webhook URL but whose routing key (e.g. Page id)
 * no connection was authorized for: kept for the operator, once per connector and external id.
 */
@Entity
@Table(name = "unmatched_event")
public class UnmatchedEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "connector_id", nullable = false)
  private String connectorId;

  @Column(nullable = false)
  private String kind;

  @Column(name = "external_id", nullable = false)
  private String externalId;

  @Column(name = "routing_key")
  private String routingKey;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "occurred_at")
  private Instant occurredAt;

  @Column(nullable = false)
  private String payload;

  protected UnmatchedEvent() {}

  public UnmatchedEvent(String connectorId, EventData data, Instant receivedAt) {
    this.connectorId = connectorId;
    this.kind = data.kind();
    this.externalId = data.externalId();
    this.routingKey = data.routingKey().orElse(null);
    this.occurredAt = data.occurredAt().orElse(null);
    this.payload = data.payload();
    this.receivedAt = receivedAt;
  }

  public long id() {
    return id;
  }

  public String kind() {
    return kind;
  }

  public String externalId() {
    return externalId;
  }

  public Optional<String> routingKey() {
    return Optional.ofNullable(routingKey);
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public Optional<Instant> occurredAt() {
    return Optional.ofNullable(occurredAt);
  }

  public String payload() {
    return payload;
  }
}
