package dev.plugboard.runtime.audit.control;

import dev.plugboard.runtime.audit.entity.AuditEntry;
import dev.plugboard.runtime.paging.Cursor;
import dev.plugboard.runtime.paging.Keyset;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.Optional;

/**
 * Records who changed what, in the same transaction as the change. Callers pass field keys and ids,
 * never values: secrets must not reach the audit.
 */
@ApplicationScoped
public class AuditLog {

  /** The actor of changes the platform makes on its own, e.g. at first start. */
  public static final String SYSTEM = "system";

  @Inject EntityManager entityManager;

  /**
   * @param actor who, e.g. {@code operator (key 1a2b)}
   * @param tenant whose data changed, if a tenant's
   * @param action what, e.g. {@code connection.setup-replaced}
   * @param target which resource, e.g. {@code connection/<id>}
   * @param detail more about it (field keys, never values)
   */
  public void record(
      String actor, Optional<TenantId> tenant, String action, String target, String detail) {
    entityManager.persist(
        new AuditEntry(actor, tenant.map(TenantId::value), action, target, detail));
  }

  /**
   * @param tenant only this tenant's entries, or all
   * @param request the page
   * @return oldest first
   */
  public Page<AuditEntry> page(Optional<TenantId> tenant, PageRequest request) {
    // A tenant's entries come from their own index (tenant, time, id), everyone's from (time, id).
    String jpql =
        "select e from AuditEntry e where "
            + (tenant.isPresent() ? "e.tenantId = :tenant and " : "")
            + Keyset.after("e.occurredAt", "e.id")
            + (tenant.isPresent()
                ? " order by e.tenantId, e.occurredAt, e.id"
                : " order by e.occurredAt, e.id");
    TypedQuery<AuditEntry> query = entityManager.createQuery(jpql, AuditEntry.class);
    tenant.ifPresent(t -> query.setParameter("tenant", t.value()));
    return Keyset.page(query, request, e -> new Cursor(e.occurredAt(), e.id()));
  }
}
