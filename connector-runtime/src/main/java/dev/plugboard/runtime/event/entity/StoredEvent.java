package dev.plugboard.runtime.event.entity;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import java.util.Optional;

/**
 * What every stored webhook event holds, whoever it was stored for: the id that grows with every
 * insert and pages the lists, and the event as the connector split it out.
 */
@MappedSuperclass
public abstract class StoredEvent {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

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

  protected StoredEvent() {}

  protected StoredEvent(EventData data, Instant receivedAt) {
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
