package dev.plugboard.runtime.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that cannot be read as the expected JSON: 400 (or 413 when it was too big). */
@Provider
public class UnreadableJsonbExceptionMapper implements ExceptionMapper<JsonbException> {

  @Override
  public Response toResponse(JsonbException exception) {
    return UnreadableBody.problem(exception).toResponse();
  }
}
