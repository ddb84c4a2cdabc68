package dev.plugboard.runtime.tenant.control;

import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.paging.Cursor;
import dev.plugboard.runtime.paging.Keyset;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.entity.Caller;
import dev.plugboard.runtime.tenant.entity.Tenant;
import dev.plugboard.runtime.tenant.entity.TenantId;
import dev.plugboard.runtime.tenant.entity.TenantRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Creates, finds and removes tenants. */
@ApplicationScoped
public class Tenants {

  @Inject EntityManager entityManager;
  @Inject AuditLog audit;
  @Inject Event<TenantRemoved> removed;

  /**
   * @param name the tenant's name, unique
   * @param by who asked
   * @return the new tenant
   * @throws ProblemException 409 when the name is taken
   */
  public Tenant create(String name, Caller by) {
    String unique = name.strip();
    boolean taken =
        !entityManager
            .createQuery("select t.id from Tenant t where t.name = :name", String.class)
            .setParameter("name", unique)
            .getResultList()
            .isEmpty();
    if (taken) {
      throw ProblemException.conflict("A tenant named '" + unique + "' already exists.");
    }
    Tenant tenant =
        new Tenant(TenantId.random(), unique, Instant.now().truncatedTo(ChronoUnit.MICROS));
    entityManager.persist(tenant);
    audit.record(
        by.getName(), Optional.of(tenant.id()), "tenant.created", "tenant/" + tenant.id(), "");
    return tenant;
  }

  public Optional<Tenant> find(TenantId id) {
    return Optional.ofNullable(entityManager.find(Tenant.class, id.value()));
  }

  /**
   * @param id a tenant id
   * @return the tenant
   * @throws ProblemException 404 when there is none
   */
  public Tenant require(TenantId id) {
    return find(id).orElseThrow(() -> ProblemException.notFound("tenant", id));
  }

  /**
   * @param request the page
   * @return tenants, oldest first
   */
  public Page<Tenant> page(PageRequest request) {
    return Keyset.page(
        entityManager.createQuery(
            "select t from Tenant t where "
                + Keyset.after("t.createdAt", "t.id")
                + " order by t.createdAt, t.id",
            Tenant.class),
        request,
        t -> new Cursor(t.createdAt(), t.id().value()));
  }

  /**
   * Removes a tenant with everything it owns: every feature deletes its rows when {@link
   * TenantRemoved} fires.
   *
   * @param id the tenant
   * @param by who asked
   * @throws ProblemException 404 when there is no such tenant
   */
  public void remove(TenantId id, Caller by) {
    Tenant tenant = require(id);
    removed.fire(new TenantRemoved(id));
    entityManager.remove(tenant);
    audit.record(by.getName(), Optional.of(id), "tenant.removed", "tenant/" + id, tenant.name());
  }
}
