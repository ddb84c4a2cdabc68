package dev.plugboard.connector.facebook;

import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.ProviderError;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.error.TransientException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Turns Graph API failures into the SPI's exceptions, keeping what Graph said ({@code
 * {"error":{"message","type","code","error_subcode","fbtrace_id"}}}) as the {@link ProviderError}.
 *
 * <p>Messages name the operation, never the request URL: Graph takes tokens and the app secret as
 * query parameters.
 */
final class GraphErrors {

  /** Invalid or expired access token; invalid application. */
  private static final Set<Integer> AUTHORIZATION = Set.of(190, 102, 101);

  /** Application (4), user (17), Page (32) and custom (613) rate limits. */
  private static final Set<Integer> RATE_LIMIT = Set.of(4, 17, 32, 613);

  /** "Unknown error" and "Service temporarily unavailable". */
  private static final Set<Integer> UNEXPECTED = Set.of(1, 2);

  /** Code 10's subcodes for "outside the 24-hour window": the caller must tag the message. */
  private static final Set<Integer> OUTSIDE_WINDOW = Set.of(2018278, 2018065);

  private GraphErrors() {}

  /**
   * Maps a failed Graph answer.
   *
   * @param operation what was attempted, for the message, e.g. {@code send-message}
   * @param status the HTTP status
   * @param body the response body, possibly not JSON
   * @param retryAfter the {@code Retry-After} header, if any
   * @param tokenExchange whether the call was to the token endpoint, where code 1 means the client
   *     secret was refused
   * @return the exception to throw
   */
  static ConnectorException from(
      String operation,
      int status,
      String body,
      Optional<String> retryAfter,
      boolean tokenExchange) {
    Optional<JsonObject> error = Jsonp.object(body).flatMap(b -> Jsonp.child(b, "error"));
    if (error.isEmpty()) {
      ProviderError none = ProviderError.none();
      String message = "Graph API answered " + operation + " with HTTP " + status;
      return status >= 500 || status == 429
          ? new TransientException(message, none, null)
          : new ConnectorException(message, none, null);
    }
    JsonObject e = error.get();
    ProviderError provider =
        new ProviderError(
            Jsonp.text(e, "code"),
            Jsonp.text(e, "error_subcode"),
            Jsonp.text(e, "type"),
            Jsonp.text(e, "message"),
            Jsonp.text(e, "fbtrace_id"));
    int code = Jsonp.number(e, "code").map(Long::intValue).orElse(-1);
    int subcode = Jsonp.number(e, "error_subcode").map(Long::intValue).orElse(-1);
    boolean isTransient = e.get("is_transient") == JsonValue.TRUE;
    String message = describe(operation, provider);

    if (AUTHORIZATION.contains(code) || (tokenExchange && code == 1 && status < 500)) {
      return new AuthorizationException(message, provider, null);
    }
    if (RATE_LIMIT.contains(code) || (code >= 80000 && code < 80100) || status == 429) {
      return new RateLimitException(
          message, retryAfter.flatMap(GraphErrors::seconds), provider, null);
    }
    if (isTransient || status >= 500 || UNEXPECTED.contains(code)) {
      return new TransientException(message, provider, null);
    }
    if (code == 10 && OUTSIDE_WINDOW.contains(subcode)) {
      return new CallerException(message, provider, null);
    }
    // Missing permissions: the grant must change, not the input.
    if (code == 10 || (code >= 200 && code < 300)) {
      return new AuthorizationException(message, provider, null);
    }
    if (status >= 400 && status < 500) {
      return new CallerException(message, provider, null);
    }
    return new ConnectorException(message, provider, null);
  }

  /**
   * Maps a call that got no answer: a timeout, a refused connection.
   *
   * @param operation what was attempted
   * @param failure the client's exception
   * @return a transient failure; its message and cause name only the kind of failure, since the
   *     client's own messages may quote the URL
   */
  static TransientException unreachable(String operation, Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new TransientException(
        "Graph API did not answer " + operation + " (" + root.getClass().getSimpleName() + ")",
        ProviderError.none(),
        null);
  }

  private static String describe(String operation, ProviderError error) {
    StringBuilder out = new StringBuilder("Graph API refused ").append(operation).append(": ");
    out.append(error.message().orElse("no message"));
    out.append(" (code ").append(error.code().orElse("?"));
    error.subcode().ifPresent(s -> out.append(", subcode ").append(s));
    error.traceId().ifPresent(t -> out.append(", fbtrace_id ").append(t));
    return out.append(')').toString();
  }

  private static Optional<Duration> seconds(String header) {
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
