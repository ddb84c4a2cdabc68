package dev.plugboard.connector.facebook;

import static dev.plugboard.connector.facebook.MessengerDescriptor.API_VERSION;
import static dev.plugboard.connector.facebook.MessengerDescriptor.GRAPH_URL;

import dev.plugboard.connector.ConnectorContext;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.ProviderError;
import jakarta.json.JsonObject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * Makes one Graph API call at a time through a {@link GraphClient} built from a connection's
 * context: base URL and version from the connector's settings, timeouts from the runtime. A client
 * is built per call and closed after it, so a session holds no connection between requests.
 */
final class Graph {

  /** The MicroProfile Rest Client property that turns off the mapping of 4xx/5xx to exceptions. */
  private static final String DISABLE_DEFAULT_MAPPER =
      "microprofile.rest.client.disable.default.mapper";

  private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final ConnectorContext context;

  Graph(ConnectorContext context) {
    this.context = context;
  }

  /**
   * @return the Graph API version of every URL, e.g. {@code v25.0}
   */
  String version() {
    return context.setting(API_VERSION);
  }

  /**
   * Calls Graph and reads its JSON answer.
   *
   * @param operation what is attempted, for error messages, e.g. {@code send-message}
   * @param call the call to make
   * @return the answer's JSON object
   * @throws ConnectorException mapped by {@link GraphErrors} when Graph refuses or does not answer
   */
  JsonObject call(String operation, Function<GraphClient, Response> call) {
    return call(operation, false, call);
  }

  /**
   * Calls the token endpoint, where Graph's code 1 means the client secret was refused.
   *
   * @param operation what is attempted
   * @param call the call to make
   * @return the answer's JSON object
   */
  JsonObject callTokenEndpoint(String operation, Function<GraphClient, Response> call) {
    return call(operation, true, call);
  }

  private JsonObject call(
      String operation, boolean tokenExchange, Function<GraphClient, Response> call) {
    try (GraphClient client = client();
        Response response = call.apply(client)) {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      int status = response.getStatus();
      if (status < 200 || status >= 300) {
        throw GraphErrors.from(
            operation,
            status,
            body,
            Optional.ofNullable(response.getHeaderString("Retry-After")),
            tokenExchange);
      }
      return Jsonp.object(body)
          .orElseThrow(
              () ->
                  new ConnectorException(
                      "Graph API answered " + operation + " with a body that is not a JSON object",
                      ProviderError.none(),
                      null));
    } catch (ProcessingException e) {
      throw GraphErrors.unreachable(operation, e);
    }
  }

  private GraphClient client() {
    Duration connect = context.httpClient().connectTimeout().orElse(DEFAULT_CONNECT_TIMEOUT);
    return RestClientBuilder.newBuilder()
        .baseUri(URI.create(stripSlash(context.setting(GRAPH_URL))))
        .connectTimeout(connect.toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(context.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .followRedirects(false)
        .property(DISABLE_DEFAULT_MAPPER, true)
        .build(GraphClient.class);
  }

  static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
