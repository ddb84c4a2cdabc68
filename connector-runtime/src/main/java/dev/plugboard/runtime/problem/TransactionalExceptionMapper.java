package dev.plugboard.runtime.problem;

import jakarta.transaction.TransactionalException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A commit that failed, e.g. on a concurrent update detected only at flush time. */
@Provider
public class TransactionalExceptionMapper implements ExceptionMapper<TransactionalException> {

  @Override
  public Response toResponse(TransactionalException exception) {
    return Failures.of(exception).toResponse();
  }
}
