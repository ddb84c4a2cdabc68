package dev.plugboard.runtime.plugin.boundary;

import dev.plugboard.runtime.plugin.control.PluginCallException;
import dev.plugboard.runtime.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A plugin's connector that timed out, was too busy, was removed or failed: 504, 503 or 502, with a
 * message that names the connector and nothing the plugin said.
 */
@Provider
public class PluginCallExceptionMapper implements ExceptionMapper<PluginCallException> {

  @Override
  public Response toResponse(PluginCallException exception) {
    Problem problem = Problem.of(exception.kind().status(), exception.getMessage());
    return exception.kind() == PluginCallException.Kind.BUSY
        ? problem.withHeader("Retry-After", "5").toResponse()
        : problem.toResponse();
  }
}
