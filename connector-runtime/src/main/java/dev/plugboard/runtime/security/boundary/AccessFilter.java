package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps tenants inside their own data. A tenant key on another tenant's URL gets exactly the 404 of
 * a tenant that does not exist, so it learns nothing; on an operator-only resource of its own it
 * gets 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {

  /** The path parameter every tenant-owned resource is under. */
  public static final String TENANT_ID = "tenantId";

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Caller caller = Callers.of(request.getSecurityContext());
    if (caller.isOperator()) {
      return;
    }
    String tenantId = request.getUriInfo().getPathParameters().getFirst(TENANT_ID);
    if (tenantId != null && !tenantId.equals(caller.tenant().get().value())) {
      throw ProblemException.notFound("tenant", tenantId);
    }
    if (resource.getResourceMethod().isAnnotationPresent(OperatorOnly.class)
        || resource.getResourceClass().isAnnotationPresent(OperatorOnly.class)) {
      throw ProblemException.forbidden("Only the operator key may do this.");
    }
  }
}
