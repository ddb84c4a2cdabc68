package dev.plugboard.runtime.connection.boundary;

import dev.plugboard.connector.TestResult;
import dev.plugboard.runtime.connection.control.ConnectionStore;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.paging.Page;
import dev.plugboard.runtime.paging.PageRequest;
import dev.plugboard.runtime.problem.Bodies;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.security.boundary.Callers;
import dev.plugboard.runtime.tenant.control.Tenants;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's connections. */
@Path("tenants/{tenantId}/connections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Connections")
public class ConnectionsResource {

  @Inject Connections connections;
  @Inject ConnectionStore store;
  @Inject ConnectionViews views;
  @Inject Tenants tenants;

  @Context SecurityContext security;

  /**
   * The outcome of a validation.
   *
   * @param valid whether the setup is complete and valid
   * @param errors every problem, field by field
   */
  public record ValidationView(boolean valid, List<FieldError> errors) {}

  /**
   * The outcome of a connection test.
   *
   * @param ok whether it passed
   * @param message what was checked, or what to fix
   */
  public record TestView(boolean ok, String message) {}

  @POST
  @Operation(summary = "Install a connector; without setup the status is NEEDS_SETUP")
  @APIResponse(responseCode = "201", description = "Installed; Location names the connection")
  @APIResponse(responseCode = "404", description = "Unknown connector")
  @APIResponse(responseCode = "422", description = "Invalid values, field by field")
  public Response install(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @Valid Installation body,
      @Context UriInfo uri) {
    Bodies.required(body);
    Connection connection =
        connections.install(
            tenant,
            body.connectorId,
            body.name,
            Optional.ofNullable(body.description),
            Optional.ofNullable(body.setup),
            Callers.of(security));
    return Response.created(uri.getAbsolutePathBuilder().path(connection.id().value()).build())
        .tag(IfMatch.tag(connection.version()))
        .entity(views.of(connection))
        .build();
  }

  @GET
  @Operation(summary = "The tenant's connections, oldest first, cursor-paged")
  public Page<ConnectionView> list(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @QueryParam("after") String after,
      @QueryParam("limit") Integer limit) {
    tenants.require(tenant);
    return store.page(tenant, PageRequest.of(after, limit)).map(views::of);
  }

  @GET
  @Path("{connectionId}")
  @Operation(summary = "One connection, with secrets masked; ETag carries its version")
  public Response get(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id) {
    return withTag(connections.require(tenant, id));
  }

  @PUT
  @Path("{connectionId}/setup")
  @Operation(
      summary =
          "Replace the setup; a secret left out or null keeps its value, \"\" clears it;"
              + " If-Match: 412 when the connection changed meanwhile")
  @APIResponse(responseCode = "412", description = "The connection changed since that version")
  @APIResponse(responseCode = "422", description = "Invalid values, field by field")
  public Response replaceSetup(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonObject body) {
    return withTag(
        connections.replaceSetup(
            tenant,
            id,
            Bodies.required(body),
            IfMatch.expectedVersion(ifMatch),
            Callers.of(security)));
  }

  @POST
  @Path("{connectionId}/setup/validate")
  @Operation(summary = "Check a setup field by field without saving it")
  public ValidationView validate(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id,
      JsonObject body) {
    List<FieldError> errors = connections.validate(tenant, id, Bodies.required(body));
    return new ValidationView(errors.isEmpty(), errors);
  }

  @POST
  @Path("{connectionId}/test")
  @Transactional(TxType.NOT_SUPPORTED) // no transaction held open while the provider answers
  @Operation(summary = "Run the connector's connection test")
  public TestView test(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id) {
    TestResult result = connections.test(tenant, id);
    return new TestView(result.ok(), result.message());
  }

  @DELETE
  @Path("{connectionId}")
  @Operation(summary = "Uninstall; wipes the connection's secrets and credentials")
  @APIResponse(responseCode = "204", description = "Uninstalled")
  public void uninstall(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id) {
    connections.uninstall(tenant, id, Callers.of(security));
  }

  private Response withTag(Connection connection) {
    return Response.ok(views.of(connection)).tag(IfMatch.tag(connection.version())).build();
  }
}
