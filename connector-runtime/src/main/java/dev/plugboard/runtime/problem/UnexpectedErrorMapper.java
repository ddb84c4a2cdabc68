package dev.plugboard.runtime.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Everything else: a 500 with an error id; the stack trace goes to the log only. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

  @Override
  public Response toResponse(Throwable exception) {
    return Failures.of(exception).toResponse();
  }
}
