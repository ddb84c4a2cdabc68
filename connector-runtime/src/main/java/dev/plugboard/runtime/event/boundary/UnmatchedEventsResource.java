package dev.plugboard.runtime.event.boundary;

import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.event.control.EventCursor;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.security.boundary.OperatorOnly;
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

/**
 * Events that reached a connector's shared-app webhook URL but matched no connection: never
 * dropped, shown to the operator.
 */
@Path("connectors/{connectorId}/unmatched-events")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@OperatorOnly
@Timed
@Tag(name = "Events")
public class UnmatchedEventsResource {

  @Inject ConnectorRegistry registry;
  @Inject EventStore events;

  @GET
  @Operation(
      summary =
          "Shared-app events whose routing key matched no connection, oldest first, cursor-paged")
  public JsonObject list(
      @PathParam("connectorId") String connectorId,
      @QueryParam("after") String after,
      @QueryParam("limit") Integer limit) {
    registry.require(connectorId);
    EventCursor cursor = EventCursor.of(after, limit);
    return EventViews.page(events.unmatched(connectorId, cursor.afterId(), cursor.limit()));
  }
}
