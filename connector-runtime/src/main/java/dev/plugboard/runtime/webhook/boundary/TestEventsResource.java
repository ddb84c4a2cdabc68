package dev.plugboard.runtime.webhook.boundary;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.tenant.entity.TenantId;
import dev.plugboard.runtime.webhook.control.TestEvents;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Sends a connection a signed test event through its own webhook URL. Not transactional: the
 * webhook URL stores the event in a transaction of its own while this request waits.
 */
@Path("tenants/{tenantId}/connections/{connectionId}/test-event")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Timed
@Tag(name = "Events")
public class TestEventsResource {

  @Inject TestEvents testEvents;

  @POST
  @Operation(
      summary =
          "Sign a sample delivery with the connection's secret and post it to its own webhook URL")
  @APIResponse(responseCode = "200", description = "{delivered: true, status, message}")
  @APIResponse(
      responseCode = "409",
      description = "The connector makes no test events, or the signing secret is not set up")
  @APIResponse(
      responseCode = "502",
      description = "The webhook URL did not accept it (webhookStatus: its answer, 0 if none)")
  public TestEvents.Sent send(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id) {
    return testEvents.send(tenant, id);
  }
}
