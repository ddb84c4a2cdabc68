package dev.plugboard.runtime.catalog.boundary;

import dev.plugboard.connector.Connector;
import dev.plugboard.runtime.catalog.control.ConnectorDefaults;
import dev.plugboard.runtime.catalog.control.ConnectorRegistry;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.problem.Bodies;
import dev.plugboard.runtime.security.boundary.Callers;
import dev.plugboard.runtime.security.boundary.OperatorOnly;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The marketplace, and the operator's defaults per connector. */
@Path("connectors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Connectors")
public class ConnectorsResource {

  @Inject ConnectorRegistry registry;
  @Inject ConnectorDefaults defaults;

  @Context SecurityContext security;

  @GET
  @Operation(summary = "Every connector with its descriptor and auth-field schema")
  public Page<ConnectorView> list() {
    return new Page<>(
        registry.all().stream().map(c -> ConnectorView.of(c.descriptor())).toList(), null);
  }

  @GET
  @Path("{connectorId}")
  @Operation(summary = "One connector")
  public ConnectorView get(@PathParam("connectorId") String id) {
    return ConnectorView.of(registry.require(id).descriptor());
  }

  @GET
  @Path("{connectorId}/defaults")
  @OperatorOnly
  @Operation(summary = "The operator's values for the connector (secrets only as {set})")
  public Map<String, Object> getDefaults(@PathParam("connectorId") String id) {
    Connector connector = registry.require(id);
    return SetupView.of(
        connector.descriptor().authFields(), f -> f.level().operatorMaySet(), defaults.rows(id));
  }

  @PUT
  @Path("{connectorId}/defaults")
  @OperatorOnly
  @Operation(
      summary =
          "Replace the operator's values; a secret left out or null keeps its value, \"\" clears"
              + " it")
  public Map<String, Object> replaceDefaults(@PathParam("connectorId") String id, JsonObject body) {
    Connector connector = registry.require(id);
    defaults.replace(connector, Bodies.required(body), Callers.of(security));
    return getDefaults(id);
  }
}
