package dev.plugboard.runtime.audit.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/** One change: who made it, to what, and which fields it touched (never their values). */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

  @Id private String id;

  @Column(name = "occurred_at", nullable = false)
  private Instant occurredAt;

  @Column(nullable = false)
  private String actor;

  @Column(name = "tenant_id")
  private String tenantId;

  @Column(nullable = false)
  private String action;

  @Column(nullable = false)
  private String target;

  private String detail;

  protected AuditEntry() {}

  public AuditEntry(
      String actor, Optional<String> tenantId, String action, String target, String detail) {
    this.id = UUID.randomUUID().toString();
    this.occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    this.actor = actor;
    this.tenantId = tenantId.orElse(null);
    this.action = action;
    this.target = target;
    this.detail = detail;
  }

  public String id() {
    return id;
  }

  public Instant occurredAt() {
    return occurredAt;
  }

  public String actor() {
    return actor;
  }

  public Optional<String> tenantId() {
    return Optional.ofNullable(tenantId);
  }

  public String action() {
    return action;
  }

  public String target() {
    return target;
  }

  public String detail() {
    return detail == null ? "" : detail;
  }
}
