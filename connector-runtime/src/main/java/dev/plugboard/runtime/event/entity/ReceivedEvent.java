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
 * A webhook event stored for one connection, once: {@code (connection, externalId)} is unique. The
 * id grows with every insert and pages the list.
 */
@Entity
@Table(name = "webhook_event")
public class ReceivedEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "connection_id", nullable = false)
  private String connectionId;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

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

  protected ReceivedEvent() {}

  public ReceivedEvent(String connectionId, String tenantId, EventData data, Instant receivedAt) {
    this.connectionId = connectionId;
    this.tenantId = tenantId;
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

  public String connectionId() {
    return connectionId;
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
