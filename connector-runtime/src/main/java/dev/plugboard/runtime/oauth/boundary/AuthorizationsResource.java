package dev.plugboard.runtime.oauth.boundary;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.oauth.control.Authorizations;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Starts the OAuth 2 authorization of a connection. */
@Path("tenants/{tenantId}/connections/{connectionId}/authorize")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Connections")
public class AuthorizationsResource {

  @Inject Authorizations authorizations;

  /**
   * Where to send the browser.
   *
   * @param authorizationUrl the provider's dialog, carrying a fresh single-use state
   * @param redirectUri where the provider sends the browser back ({@code /connector/callback})
   * @param expiresAt when the state stops being accepted
   */
  public record AuthorizationView(String authorizationUrl, String redirectUri, Instant expiresAt) {}

  @POST
  @Operation(
      summary =
          "Start the OAuth 2 authorization: the provider's dialog URL, with a single-use state"
              + " bound to this connection")
  @APIResponse(responseCode = "200", description = "{authorizationUrl, redirectUri, expiresAt}")
  @APIResponse(
      responseCode = "409",
      description = "The setup is not complete, or the connector is not authorized with OAuth 2")
  public AuthorizationView authorize(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id) {
    Authorizations.Started started = authorizations.start(tenant, id);
    return new AuthorizationView(
        started.authorizationUrl().toString(),
        started.redirectUri().toString(),
        started.expiresAt());
  }
}
