package dev.plugboard.runtime.setuplink.boundary;

import static dev.plugboard.runtime.json.Jsonp.JSON;

import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.problem.FieldError;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.security.boundary.Callers;
import dev.plugboard.runtime.setuplink.control.SetupLinks;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant hands out setup links for its connections. */
@Path("tenants/{tenantId}/connections/{connectionId}/setup-links")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@Transactional
@Timed
@Tag(name = "Connections")
public class SetupLinksResource {

  @Inject SetupLinks links;

  @Context SecurityContext security;

  @POST
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  @Operation(
      summary =
          "A single-use, expiring link for an end customer to fill this connection's tenant-level"
              + " fields and authorize it; body {expiresInSeconds?} (default 86400, at most"
              + " 604800)")
  @APIResponse(responseCode = "201", description = "{url, expiresAt}; the URL is shown only now")
  @APIResponse(responseCode = "422", description = "expiresInSeconds out of range")
  public Response create(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id,
      String body) {
    SetupLinks.Created created =
        links.create(tenant, id, expiresInSeconds(body), Callers.of(security));
    return Response.status(Response.Status.CREATED)
        .header("Cache-Control", "no-store")
        .entity(new CreatedView(created.url(), created.expiresAt()))
        .build();
  }

  /**
   * A new link.
   *
   * @param url the page for the end customer; it holds the link's only credential
   * @param expiresAt when it stops working
   */
  public record CreatedView(String url, java.time.Instant expiresAt) {
    /** Hides the token. */
    @Override
    public String toString() {
      return "CreatedView[expiresAt=" + expiresAt + "]";
    }
  }

  private static Optional<Long> expiresInSeconds(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    JsonObject json;
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      json = reader.readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw ProblemException.badRequest("The body is not a JSON object.");
    }
    JsonValue value = json.get(SetupLinks.EXPIRY_FIELD);
    if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (value instanceof JsonNumber number && number.isIntegral()) {
      try {
        return Optional.of(number.longValueExact());
      } catch (ArithmeticException e) {
        // out of range: reported below
      }
    }
    throw ProblemException.invalid(
        List.of(new FieldError(SetupLinks.EXPIRY_FIELD, "must be a whole number of seconds")));
  }
}
