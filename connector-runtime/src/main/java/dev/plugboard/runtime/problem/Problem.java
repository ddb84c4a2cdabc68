package dev.plugboard.runtime.problem;

import static dev.plugboard.runtime.json.Jsonp.JSON;

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
 * @param type a URI naming the kind of problem, {@code about:blank} when the status says it all
 * @param members extension members of the body (texts and numbers), in order, e.g. what a provider
 *     said about a failed call
 */
public record Problem(
    int status,
    String title,
    String detail,
    List<FieldError> errors,
    Map<String, String> headers,
    String type,
    Map<String, Object> members) {

  /** The media type of every error response. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Where the problem types of this API are named: {@code <base><name>}. */
  public static final String TYPE_BASE = "https://plugboard.dev/problems/";

  /** Copies the collections. */
  public Problem {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(type, "type");
    errors = List.copyOf(errors);
    headers = Map.copyOf(headers);
    members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
  }

  /**
   * A problem of the generic type {@code about:blank}.
   *
   * @param status the HTTP status
   * @param title a short summary
   * @param detail what happened
   * @param errors per-field problems
   * @param headers extra response headers
   */
  public Problem(
      int status,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    this(status, title, detail, errors, headers, "about:blank", Map.of());
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
    return new Problem(status, title, detail, errors, more, type, members);
  }

  /**
   * @param name the problem type's name, e.g. {@code provider-unauthorized}
   * @param typeTitle the title every problem of that type has
   * @return this problem as one of a named type of this API
   */
  public Problem withType(String name, String typeTitle) {
    return new Problem(status, typeTitle, detail, errors, headers, TYPE_BASE + name, members);
  }

  /**
   * @param name an extension member's name
   * @param value its value, a {@link String} or a {@link Number}
   * @return this problem with one more member
   */
  public Problem withMember(String name, Object value) {
    if (!(value instanceof String) && !(value instanceof Number)) {
      throw new IllegalArgumentException("member " + name + " must be a text or a number");
    }
    Map<String, Object> more = new java.util.LinkedHashMap<>(members);
    more.put(name, value);
    return new Problem(status, title, detail, errors, headers, type, more);
  }

  /**
   * @return the response that carries this problem
   */
  public Response toResponse() {
    Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(json());
    headers.forEach(response::header);
    return response.build();
  }

  /**
   * @return the body as JSON text (also for responses written outside JAX-RS, e.g. by a servlet)
   */
  public String json() {
    JsonObjectBuilder body =
        JSON.createObjectBuilder()
            .add("type", type)
            .add("title", title)
            .add("status", status)
            .add("detail", detail);
    members.forEach(
        (name, value) -> {
          if (value instanceof Number number) {
            body.add(name, JSON.createValue(number.longValue()));
          } else {
            body.add(name, value.toString());
          }
        });
    if (!errors.isEmpty()) {
      JsonArrayBuilder list = JSON.createArrayBuilder();
      errors.forEach(
          e ->
              list.add(
                  JSON.createObjectBuilder().add("field", e.field()).add("message", e.message())));
      body.add("errors", list);
    }
    return body.build().toString();
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
