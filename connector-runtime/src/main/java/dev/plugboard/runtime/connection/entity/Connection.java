package dev.plugboard.runtime.connection.entity;

import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One installed instance of a connector inside a tenant. Its setup values and credentials live in
 * their own rows; {@link #version()} changes with every change to any of them, for If-Match.
 */
@Entity
@EntityListeners(ConnectionChanges.class)
public class Connection {

  @Id private String id;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "connector_id", nullable = false)
  private String connectorId;

  @Column(nullable = false)
  private String name;

  private String description;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ConnectionStatus status;

  @Column(name = "status_reason")
  private String statusReason;

  @Column(name = "webhook_key", nullable = false)
  private String webhookKey;

  @Version private long version;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Connection() {}

  public Connection(
      ConnectionId id,
      TenantId tenant,
      String connectorId,
      String name,
      String description,
      String webhookKey) {
    this.id = id.value();
    this.tenantId = tenant.value();
    this.connectorId = connectorId;
    this.name = name;
    this.description = description;
    this.webhookKey = webhookKey;
    this.status = ConnectionStatus.NEEDS_SETUP;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.updatedAt = createdAt;
  }

  public ConnectionId id() {
    return new ConnectionId(id);
  }

  public TenantId tenant() {
    return new TenantId(tenantId);
  }

  public String connectorId() {
    return connectorId;
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public ConnectionStatus status() {
    return status;
  }

  public Optional<String> statusReason() {
    return Optional.ofNullable(statusReason);
  }

  public String webhookKey() {
    return webhookKey;
  }

  public long version() {
    return version;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /**
   * Records a change of the setup (which makes the row itself change, so its version moves on).
   *
   * @param status the status the new setup leads to
   * @param reason why, for the tenant; empty when there is nothing to say
   */
  public void setupChanged(ConnectionStatus status, Optional<String> reason) {
    statusChanged(status, reason);
  }

  /**
   * Records a change that is not the setup's: an authorization stored new credentials, or the
   * provider refused them. The row changes, so its version moves on.
   *
   * @param status where the connection stands now
   * @param reason what to tell the tenant; empty when there is nothing to say
   */
  public void statusChanged(ConnectionStatus status, Optional<String> reason) {
    this.status = status;
    this.statusReason = reason.map(Connection::fit).orElse(null);
    this.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** status_reason holds 1000 characters; a provider's message may be longer. */
  private static String fit(String reason) {
    return reason.length() <= 1000 ? reason : reason.substring(0, 999) + "\u2026";
  }
}
