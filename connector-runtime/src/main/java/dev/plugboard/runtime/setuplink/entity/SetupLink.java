package dev.plugboard.runtime.setuplink.entity;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * An end-customer setup link as stored: only the SHA-256 of its token, the connection and tenant it
 * opens, when it expires and when it was used.
 */
@Entity
@Table(name = "setup_link")
public class SetupLink {

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "tenant_id", nullable = false)
  private String tenantId;

  @Column(name = "connection_id", nullable = false)
  private String connectionId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  @Column(name = "used_at")
  private Instant usedAt;

  protected SetupLink() {}

  public SetupLink(
      String tokenHash,
      TenantId tenant,
      ConnectionId connection,
      Instant createdAt,
      Instant expiresAt) {
    this.tokenHash = tokenHash;
    this.tenantId = tenant.value();
    this.connectionId = connection.value();
    this.createdAt = createdAt;
    this.expiresAt = expiresAt;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public TenantId tenant() {
    return new TenantId(tenantId);
  }

  public ConnectionId connection() {
    return new ConnectionId(connectionId);
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Optional<Instant> usedAt() {
    return Optional.ofNullable(usedAt);
  }

  /**
   * @param now the time to judge by
   * @return whether the link still opens its connection
   */
  public boolean open(Instant now) {
    return usedAt == null && expiresAt.isAfter(now);
  }

  /**
   * @param now when its flow completed
   */
  public void used(Instant now) {
    if (usedAt == null) {
      usedAt = now;
    }
  }

  /** Hides the hash. */
  @Override
  public String toString() {
    return "SetupLink[connection=" + connectionId + ", expiresAt=" + expiresAt + "]";
  }
}
