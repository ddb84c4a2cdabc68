package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.control.ApiKeys;
import dev.plugboard.runtime.security.entity.ApiKey;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's API keys, managed by the operator. */
@Path("tenants/{tenantId}/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@OperatorOnly
@Timed
@Tag(name = "Tenants")
public class ApiKeysResource {

  @Inject ApiKeys apiKeys;
  @Inject Tenants tenants;

  @Context SecurityContext security;

  /**
   * A key as listed: never the key itself.
   *
   * @param id the key's public id
   * @param createdAt when it was issued
   * @param revokedAt when it was revoked, if it was
   */
  public record KeyView(String id, Instant createdAt, Instant revokedAt) {
    static KeyView of(ApiKey key) {
      return new KeyView(key.id(), key.createdAt(), key.revokedAt().orElse(null));
    }
  }

  /**
   * A key as issued: the only time it is shown.
   *
   * @param id the key's public id
   * @param key the key
   */
  public record IssuedView(String id, String key) {}

  @POST
  @Operation(summary = "Issue an API key for the tenant; the key is shown once")
  @APIResponse(responseCode = "201", description = "{id, key}")
  public Response issue(@PathParam(AccessFilter.TENANT_ID) TenantId tenant, @Context UriInfo uri) {
    tenants.require(tenant);
    ApiKeys.Issued issued = apiKeys.issue(tenant, Callers.of(security));
    return Response.created(uri.getAbsolutePathBuilder().path(issued.id()).build())
        .entity(new IssuedView(issued.id(), issued.key()))
        .build();
  }

  @GET
  @Operation(summary = "The tenant's keys (never the keys themselves), all on one page")
  public Page<KeyView> list(@PathParam(AccessFilter.TENANT_ID) TenantId tenant) {
    tenants.require(tenant);
    return new Page<>(apiKeys.list(tenant).stream().map(KeyView::of).toList(), null);
  }

  @DELETE
  @Path("{keyId}")
  @Operation(summary = "Revoke a key")
  @APIResponse(responseCode = "204", description = "Revoked")
  public void revoke(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant, @PathParam("keyId") String keyId) {
    tenants.require(tenant);
    if (!apiKeys.revoke(tenant, keyId, Callers.of(security))) {
      throw ProblemException.notFound("API key", keyId);
    }
  }
}
