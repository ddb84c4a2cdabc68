package dev.plugboard.runtime.webhook.control;

import static dev.plugboard.runtime.json.Jsonp.JSON;

import dev.plugboard.connector.Connector;
import dev.plugboard.connector.webhook.WebhookHandler;
import dev.plugboard.connector.webhook.WebhookRequest;
import dev.plugboard.runtime.ServiceDomain;
import dev.plugboard.runtime.connection.control.Connections;
import dev.plugboard.runtime.connection.entity.Connection;
import dev.plugboard.runtime.connection.entity.ConnectionId;
import dev.plugboard.runtime.credential.control.CredentialStore;
import dev.plugboard.runtime.credential.entity.AuthorizedResource;
import dev.plugboard.runtime.problem.Problem;
import dev.plugboard.runtime.problem.ProblemException;
import dev.plugboard.runtime.tenant.entity.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sends a connection a test event the whole way a real one travels: the connector signs a sample
 * delivery with the connection's secret, and it is posted over HTTP to the connection's own webhook
 * URL under the service domain, where it is verified, split and stored like any other.
 */
@ApplicationScoped
public class TestEvents {

  /** Headers the HTTP client sets itself. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Inject Connections connections;
  @Inject CredentialStore credentials;
  @Inject ServiceDomain serviceDomain;

  /**
   * The outcome of a delivered test event.
   *
   * @param delivered always {@code true}: a delivery that was not accepted is a problem
   * @param status what the webhook URL answered
   * @param message what happened, for the person
   */
  public record Sent(boolean delivered, int status, String message) {}

  /**
   * @param tenant the tenant asking
   * @param id the connection
   * @return the outcome, when the webhook URL accepted the event
   * @throws ProblemException 409 when the connector makes no test events (or the setup has no
   *     secret to sign with), 502 when the webhook URL did not accept it
   */
  public Sent send(TenantId tenant, ConnectionId id) {
    Connection connection = connections.require(tenant, id);
    Connector connector = connections.connectorOf(connection);
    WebhookHandler handler =
        connector
            .webhooks()
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        connector.descriptor().name() + " does not receive webhooks."));
    List<String> resources =
        credentials.resources(connection).stream().map(AuthorizedResource::resourceId).toList();
    WebhookRequest sample =
        handler
            .sample(connections.effectiveSetup(connection, connector), resources, Instant.now())
            .orElseThrow(
                () ->
                    ProblemException.conflict(
                        connector.descriptor().name()
                            + " cannot make a test event for this setup: it offers none, or the"
                            + " secret it signs deliveries with is not set up yet."));
    String url = serviceDomain.webhookUrl(connection.webhookKey());
    HttpResponse<String> answer;
    try {
      answer = http.send(request(url, sample), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | IllegalArgumentException e) {
      throw notDelivered(
          "The test event could not be posted to "
              + url
              + " ("
              + e.getClass().getSimpleName()
              + "): check that plugboard.service-domain is this platform's address, reachable from"
              + " the server itself.",
          0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notDelivered("Sending the test event was interrupted.", 0);
    }
    if (answer.statusCode() != 200) {
      throw notDelivered(
          "The webhook URL answered "
              + answer.statusCode()
              + Optional.ofNullable(parse(answer.body()).getString("detail", null))
                  .map(d -> ": " + d)
                  .orElse(".")
              + (answer.statusCode() == 401
                  ? " The secret the test event was signed with is not the one the URL checks."
                  : ""),
          answer.statusCode());
    }
    JsonObject stored = parse(answer.body());
    return new Sent(
        true,
        200,
        "A signed test event was posted to this connection's webhook URL and "
            + (stored.getInt("stored", 0) > 0 ? "stored." : "accepted (it was already stored)."));
  }

  private HttpRequest request(String url, WebhookRequest sample) {
    ByteBuffer body = sample.body();
    byte[] bytes = new byte[body.remaining()];
    body.get(bytes);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    for (String name : sample.headerNames()) {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        sample.headers(name).forEach(value -> request.header(name, value));
      }
    }
    return request.build();
  }

  private static ProblemException notDelivered(String detail, int status) {
    Problem problem =
        Problem.of(502, detail)
            .withType("test-event-not-delivered", "Test event not delivered")
            .withMember("webhookStatus", status);
    return new ProblemException(problem);
  }

  private static JsonObject parse(String body) {
    try (JsonReader reader = JSON.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      return JsonObject.EMPTY_JSON_OBJECT;
    }
  }
}
