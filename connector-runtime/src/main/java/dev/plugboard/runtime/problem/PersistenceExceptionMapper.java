package dev.plugboard.runtime.problem;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Lost updates and unique-key races become 409; anything else from the database is a 500. */
@Provider
public class PersistenceExceptionMapper implements ExceptionMapper<PersistenceException> {

  @Override
  public Response toResponse(PersistenceException exception) {
    return Failures.of(exception).toResponse();
  }
}
