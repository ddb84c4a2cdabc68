package dev.plugboard.runtime.action.boundary;

import static dev.plugboard.runtime.json.Jsonp.JSON;

import dev.plugboard.connector.action.ActionResult;
import dev.plugboard.runtime.action.control.Actions;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.security.boundary.AccessFilter;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A connection's actions. No transaction is held open while the provider answers: the resource is
 * deliberately not {@code @Transactional}.
 */
@Path("tenants/{tenantId}/connections/{connectionId}/actions/{action}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequestScoped
@Timed
@Tag(name = "Actions")
public class ActionsResource {

  @Inject Actions actions;

  @POST
  @Operation(
      summary =
          "Invoke an action with a JSON object of inputs; never retried by the platform. Provider"
              + " refusals are problems carrying providerCode, providerSubcode, providerType,"
              + " providerMessage and providerTraceId")
  @APIResponse(responseCode = "200", description = "The action's output")
  @APIResponse(responseCode = "401", description = "type …/provider-unauthorized: authorize again")
  @APIResponse(responseCode = "409", description = "The connection is not CONNECTED")
  @APIResponse(responseCode = "422", description = "Invalid input, or refused by the provider")
  @APIResponse(responseCode = "429", description = "The provider's rate limit; see Retry-After")
  @APIResponse(responseCode = "502", description = "The provider failed")
  @APIResponse(responseCode = "503", description = "The provider failed, may pass; Retry-After")
  @APIResponse(responseCode = "504", description = "No answer in time; the effect is unknown")
  public JsonObject invoke(
      @PathParam(AccessFilter.TENANT_ID) TenantId tenant,
      @PathParam("connectionId") ConnectionId id,
      @PathParam("action") String action,
      JsonObject body) {
    ActionResult result =
        actions.invoke(tenant, id, action, body == null ? JsonValue.EMPTY_JSON_OBJECT : body);
    return object(result.output());
  }

  private static JsonObject object(Map<?, ?> map) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    map.forEach((k, v) -> json.add(k.toString(), value(v)));
    return json.build();
  }

  private static JsonValue value(Object value) {
    if (value == null) {
      return JsonValue.NULL;
    }
    if (value instanceof String text) {
      return JSON.createValue(text);
    }
    if (value instanceof Boolean flag) {
      return flag ? JsonValue.TRUE : JsonValue.FALSE;
    }
    if (value instanceof Double d && !Double.isFinite(d)
        || value instanceof Float f && !Float.isFinite(f)) {
      return JSON.createValue(value.toString());
    }
    if (value instanceof Number number) {
      return JSON.createValue(new BigDecimal(number.toString()));
    }
    if (value instanceof Map<?, ?> map) {
      return object(map);
    }
    JsonArrayBuilder array = JSON.createArrayBuilder();
    ((List<?>) value).forEach(v -> array.add(value(v)));
    return array.build();
  }
}
