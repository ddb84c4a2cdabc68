package dev.plugboard.runtime.security.boundary;

import dev.plugboard.runtime.problem.Problem;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.entity.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Keeps tenants inside their own data. A tenant key on another tenant's URL gets exactly the 404 of
 * a tenant that does not exist, so it learns nothing; on an operator-only resource of its own it
 * gets 403. Resources marked {@link Public} are left to check their own credential.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class AccessFilter implements ContainerRequestFilter {

  /** The path parameter every tenant-owned resource is under. */
  public static final String TENANT_ID = "tenantId";

  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    if (resource.getResourceClass() != null
        && resource.getResourceClass().isAnnotationPresent(Public.class)) {
      return;
    }
    Caller caller =
        request.getSecurityContext().getUserPrincipal() instanceof Caller known ? known : null;
    if (caller == null) {
      // Only a public path skips authentication; here it reached a resource that is not public.
      request.abortWith(
          Problem.of(401, "Send a valid API key as Authorization: Bearer <key>.")
              .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"plugboard\"")
              .toResponse());
      return;
    }
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
