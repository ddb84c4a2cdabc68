package dev.plugboard.runtime.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Writes the errors JAX-RS itself raises (no such path, method not allowed, unsupported media
 * type...) as problems, with a detail of our own: the framework's messages are not meant for API
 * clients.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    if (status >= 500) {
      return Failures.of(exception).toResponse();
    }
    Problem problem = Failures.known(exception).orElseGet(() -> Problem.of(status, detail(status)));
    String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
    return allow == null
        ? problem.toResponse()
        : problem.withHeader(HttpHeaders.ALLOW, allow).toResponse();
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is malformed.";
      case 404 -> "There is nothing at this URL.";
      case 405 -> "This method is not allowed here.";
      case 406 -> "This resource only answers application/json.";
      case 415 -> "Send the body as application/json.";
      default -> "The request cannot be served.";
    };
  }
}
