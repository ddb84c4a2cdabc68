package dev.plugboard.runtime.tenant.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.Instant;

/** One customer of the operator; every other tenant-owned row refers to it. */
@Entity
public class Tenant {

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Tenant() {}

  public Tenant(TenantId id, String name, Instant createdAt) {
    this.id = id.value();
    this.name = name;
    this.createdAt = createdAt;
  }

  public TenantId id() {
    return new TenantId(id);
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }
}
