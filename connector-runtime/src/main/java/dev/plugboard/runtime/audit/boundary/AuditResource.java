package dev.plugboard.runtime.audit.boundary;

import dev.plugboard.runtime.audit.control.AuditLog;
import dev.plugboard.runtime.audit.entity.AuditEntry;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.security.boundary.OperatorOnly;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit trail, for the operator. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@OperatorOnly
@Timed
@Tag(name = "Audit")
public class AuditResource {

  @Inject AuditLog audit;

  /**
   * An entry as the API shows it.
   *
   * @param id the entry's id
   * @param at when
   * @param actor who
   * @param tenantId whose data, if a tenant's
   * @param action what
   * @param target which resource
   * @param detail which fields, never values
   */
  public record AuditView(
      String id,
      Instant at,
      String actor,
      String tenantId,
      String action,
      String target,
      String detail) {

    static AuditView of(AuditEntry e) {
      return new AuditView(
          e.id(),
          e.occurredAt(),
          e.actor(),
          e.tenantId().orElse(null),
          e.action(),
          e.target(),
          e.detail());
    }
  }

  @GET
  @Operation(summary = "Who changed what, oldest first, cursor-paged")
  public Page<AuditView> list(
      @QueryParam("tenantId") TenantId tenant,
      @QueryParam("after") String after,
      @QueryParam("limit") Integer limit) {
    return audit.page(Optional.ofNullable(tenant), PageRequest.of(after, limit)).map(AuditView::of);
  }
}
