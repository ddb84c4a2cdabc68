package dev.plugboard.runtime.event.boundary;

import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.event.control.EventCursor;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The webhook events a connection received. */
@Path("tenants/{tenantId}/connections/{connectionId}/events")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Events")
public class EventsResource {

  @Inject Connections connections;
  @Inject EventStore events;

  @GET
  @Operation(
      summary =
          "Received webhook events, oldest first, cursor-paged (limit 1-500, default 50):"
              + " {items[{id, kind, externalId, routingKey, receivedAt, occurredAt, payload}], next}")
  public JsonObject list(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id,
      @QueryParam("after") String after,
      @QueryParam("limit") Integer limit) {
    EventCursor cursor = EventCursor.of(after, limit);
    return EventViews.page(
        events.page(connections.require(tenant, id), cursor.afterId(), cursor.limit()));
  }
}
