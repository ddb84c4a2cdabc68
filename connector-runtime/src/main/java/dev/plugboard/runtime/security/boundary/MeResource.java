package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.security.entity.Caller;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.Tenant;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Who holds the key the request came with: what the admin UI shows and offers. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Tag(name = "Tenants")
public class MeResource {

  @Inject Tenants tenants;

  @Context SecurityContext security;

  /**
   * The holder of a key.
   *
   * @param role {@code operator} or {@code tenant}
   * @param tenantId the tenant's id, for a tenant key
   * @param tenantName the tenant's name, for a tenant key
   */
  @JsonbPropertyOrder({"role", "tenantId", "tenantName"})
  public record MeView(String role, String tenantId, String tenantName) {}

  @GET
  @Operation(summary = "{role: operator|tenant, tenantId?, tenantName?} of the key used")
  public MeView get() {
    Caller caller = Callers.of(security);
    if (caller.isOperator()) {
      return new MeView(CallerContext.OPERATOR, null, null);
    }
    Optional<Tenant> tenant = tenants.find(caller.tenant().get());
    return new MeView(
        CallerContext.TENANT, caller.tenant().get().value(), tenant.map(Tenant::name).orElse(null));
  }
}
