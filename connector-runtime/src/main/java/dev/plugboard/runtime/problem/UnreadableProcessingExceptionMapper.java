package dev.plugboard.runtime.problem;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that cannot be read as the expected JSON: 400 (or 413 when it was too big). */
@Provider
public class UnreadableProcessingExceptionMapper implements ExceptionMapper<ProcessingException> {

  @Override
  public Response toResponse(ProcessingException exception) {
    return UnreadableBody.problem(exception).toResponse();
  }
}
