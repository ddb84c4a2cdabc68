package dev.plugboard.runtime.problem;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail, the one shape every API error takes. The body is written here as text
 * so that it never depends on which JSON provider the server picked for the media type.
 *
 * @param status the HTTP status
 * @param title a short summary that depends on the kind of problem only
 * @param detail what happened this time, for a person; never a secret or a stack trace
 * @param errors per-field problems of a validation failure; empty otherwise
 * @param headers extra response headers, e.g. {@code WWW-Authenticate}
 */
public record Problem(
    int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {

  /** The media type of every error response. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Copies the collections. */
  public Problem {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    errors = List.copyOf(errors);
    headers = Map.copyOf(headers);
  }

  /**
   * @param status the HTTP status
   * @param detail what happened
   * @return a problem titled with the status' reason phrase
   */
  public static Problem of(int status, String detail) {
    return new Problem(status, reason(status), detail, List.of(), Map.of());
  }

  /**
   * @param name a header name
   * @param value its value
   * @return this problem with one more response header
   */
  public Problem withHeader(String name, String value) {
    Map<String, String> more = new java.util.HashMap<>(headers);
    more.put(name, value);
    return new Problem(status, title, detail, errors, more);
  }

  /**
   * @return the response that carries this problem
   */
  public Response toResponse() {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("type", "about:blank")
            .add("title", title)
            .add("status", status)
            .add("detail", detail);
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = Json.createArrayBuilder();
      errors.forEach(
          e ->
              list.add(
                  Json.createObjectBuilder().add("field", e.field()).add("message", e.message())));
      body.add("errors", list);
    }
    Response.ResponseBuilder response =
        Response.status(status).type(MEDIA_TYPE).entity(body.build().toString());
    headers.forEach(response::header);
    return response.build();
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 422 -> "Unprocessable Content";
      default -> "HTTP " + status;
    };
  }
}
