package dev.plugboard.runtime.setuplink.boundary;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.auth.Authorization;
import dev.plugboard.runtime.connection.boundary.ConnectionViews;
import dev.plugboard.runtime.connection.boundary.IfMatch;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionStatus;
import dev.plugboard.runtime.oauth.control.Authorizations;
import dev.plugboard.runtime.problem.Bodies;
import dev.plugboard.runtime.security.boundary.Public;
import dev.plugboard.runtime.setuplink.control.SetupLinks;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What whoever holds a setup link may do, without an API key: see the connection's tenant-level
 * setup, replace it, and authorize the connection. The token in the path is the only credential; an
 * unknown, expired or used link gets 403, whatever the method.
 */
@Public
@Path("setup-links/{token}")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Setup links")
public class SetupLinkPagesResource {

  @Inject SetupLinks links;
  @Inject Connections connections;
  @Inject ConnectionViews views;
  @Inject Authorizations authorizations;

  /**
   * Where to send the browser.
   *
   * @param authorizationUrl the provider's dialog, with a fresh single-use state
   */
  public record AuthorizationView(String authorizationUrl) {}

  @GET
  @Operation(
      summary =
          "The link's connection: tenant-level fields only, secrets as {\"set\": bool}; no API"
              + " key")
  @APIResponse(responseCode = "403", description = "Unknown, expired or used link")
  public Response get(@PathParam("token") String token) {
    SetupLinks.Opened opened = links.open(token);
    return view(opened, opened.connection());
  }

  @PUT
  @Path("setup")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Replace the connection's tenant-level values (a secret left out or null keeps its"
              + " value); If-Match: 412 when the connection changed meanwhile")
  @APIResponse(responseCode = "403", description = "Unknown, expired or used link")
  @APIResponse(responseCode = "412", description = "The connection changed since that version")
  @APIResponse(responseCode = "422", description = "Invalid values, field by field")
  public Response replaceSetup(
      @PathParam("token") String token,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
      JsonObject body) {
    SetupLinks.Opened opened = links.open(token);
    Connection connection =
        connections.replaceSetup(
            opened.link().tenant(),
            opened.link().connection(),
            Bodies.required(body),
            IfMatch.expectedVersion(ifMatch),
            SetupLinks.ACTOR);
    Connector connector = connections.connectorOf(connection);
    if (!(connector.descriptor().authorization() instanceof Authorization.OAuth2AuthorizationCode)
        && connection.status() != ConnectionStatus.NEEDS_SETUP) {
      // Without OAuth, a complete setup is all the link is for.
      links.used(opened.link(), "setup completed");
    }
    return view(opened, connection);
  }

  @POST
  @Path("authorize")
  @Operation(
      summary =
          "Start the OAuth 2 authorization; the callback sends the browser back to the setup page"
              + " and marks the link used")
  @APIResponse(responseCode = "403", description = "Unknown, expired or used link")
  @APIResponse(
      responseCode = "409",
      description = "The setup is not complete, or the connector is not authorized with OAuth 2")
  public AuthorizationView authorize(@PathParam("token") String token) {
    SetupLinks.Opened opened = links.open(token);
    return new AuthorizationView(
        authorizations
            .start(
                opened.link().tenant(),
                opened.link().connection(),
                Optional.of(opened.link().tokenHash()))
            .authorizationUrl()
            .toString());
  }

  private Response view(SetupLinks.Opened opened, Connection connection) {
    return Response.ok(
            SetupLinkView.of(
                views.of(connection),
                connections.connectorOf(connection).descriptor(),
                opened.link().expiresAt()))
        .tag(IfMatch.tag(connection.version()))
        .header("Cache-Control", "no-store")
        .header("Referrer-Policy", "no-referrer")
        .build();
  }
}
