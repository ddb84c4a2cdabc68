package dev.plugboard.runtime.security.entity;

import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** A stored API key: only its SHA-256 is kept. A key without tenant is an operator key. */
@Entity
@Table(name = "api_key")
public class ApiKey {

  @Id private String id;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(name = "key_hash", nullable = false)
  private String keyHash;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "revoked_at")
  private Instant revokedAt;

  protected ApiKey() {}

  public ApiKey(String id, Optional<TenantId> tenant, String keyHash) {
    this.id = id;
    this.tenantId = tenant.map(TenantId::value).orElse(null);
    this.keyHash = keyHash;
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  public String id() {
    return id;
  }

  public Optional<TenantId> tenant() {
    return Optional.ofNullable(tenantId).map(TenantId::new);
  }

  public String keyHash() {
    return keyHash;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Optional<Instant> revokedAt() {
    return Optional.ofNullable(revokedAt);
  }

  public boolean active() {
    return revokedAt == null;
  }

  public void revoke() {
    if (revokedAt == null) {
      revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
  }
}
