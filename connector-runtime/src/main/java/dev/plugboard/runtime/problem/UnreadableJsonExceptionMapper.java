package dev.plugboard.runtime.problem;

import jakarta.json.JsonException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that cannot be read as the expected JSON: 400 (or 413 when it was too big). */
@Provider
public class UnreadableJsonExceptionMapper implements ExceptionMapper<JsonException> {

  @Override
  public Response toResponse(JsonException exception) {
    return UnreadableBody.problem(exception).toResponse();
  }
}
