package dev.plugboard.runtime.tenant.boundary;

import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.problem.Bodies;
import dev.plugboard.runtime.security.boundary.Callers;
import dev.plugboard.runtime.security.boundary.OperatorOnly;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.Tenant;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's tenants. */
@Path("tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@OperatorOnly
@Timed
@Tag(name = "Tenants")
public class TenantsResource {

  @Inject Tenants tenants;

  @Context SecurityContext security;

  @POST
  @Operation(summary = "Create a tenant")
  @APIResponse(responseCode = "201", description = "Created; Location names the tenant")
  @APIResponse(responseCode = "409", description = "The name is taken")
  public Response create(@Valid NewTenant body, @Context UriInfo uri) {
    Tenant tenant = tenants.create(Bodies.required(body).name, Callers.of(security));
    return Response.created(uri.getAbsolutePathBuilder().path(tenant.id().value()).build())
        .entity(TenantView.of(tenant))
        .build();
  }

  @GET
  @Operation(summary = "List tenants, oldest first, cursor-paged")
  public Page<TenantView> list(
      @QueryParam("after") String after, @QueryParam("limit") Integer limit) {
    return tenants.page(PageRequest.of(after, limit)).map(TenantView::of);
  }

  @GET
  @Path("{tenantId}")
  @Operation(summary = "One tenant")
  public TenantView get(@PathParam("tenantId") TenantId id) {
    return TenantView.of(tenants.require(id));
  }

  @DELETE
  @Path("{tenantId}")
  @Operation(summary = "Remove a tenant with its connections, secrets and keys")
  @APIResponse(responseCode = "204", description = "Removed")
  public void remove(@PathParam("tenantId") TenantId id) {
    tenants.remove(id, Callers.of(security));
  }
}
