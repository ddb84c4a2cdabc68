package dev.plugboard.runtime.webhook.boundary;

import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.webhook.Handshake;
import dev.plugboard.connector.webhook.Verification;
import dev.plugboard.connector.webhook.WebhookEvent;
import dev.plugboard.connector.webhook.WebhookRequest;
import dev.plugboard.runtime.event.control.EventStore;
import dev.plugboard.runtime.health.ServingReadiness;
import dev.plugboard.runtime.plugin.control.PluginCallException;
import dev.plugboard.runtime.problem.Problem;
import dev.plugboard.runtime.webhook.control.Deliveries;
import dev.plugboard.runtime.webhook.control.WebhookTargets;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The public webhook URLs, outside the JAX-RS API (no API key; the provider proves itself with the
 * connection's secret): {@code /webhooks/{webhookKey}} for one connection and {@code
 * /webhooks/apps/{connectorId}} for the operator's shared app, whose deliveries are routed to the
 * connections authorized for each event's routing key.
 *
 * <p>A {@code GET} is the provider's verification handshake, answered by the connector. A {@code
 * POST} is a delivery: the body is read as bytes up to {@code plugboard.webhook.max-body-bytes}
 * ({@code 413} beyond), its signature is checked over exactly those bytes before anything is parsed
 * ({@code 401}), it is split into events ({@code 400} when it is not a delivery), and the events
 * are stored in one transaction. {@code 200} is sent only once that transaction has committed, so
 * an acknowledged delivery is never lost, and one that was not acknowledged is sent again by the
 * provider. A delivery waiting for its commit holds no request thread (it is answered
 * asynchronously, by {@link dev.plugboard.runtime.event.control.EventWriter}'s thread for a
 * connection's URL). An unknown key or connector is a bare {@code 404}.
 */
@WebServlet(
    urlPatterns = "/webhooks/*",
    loadOnStartup = WebhooksServlet.LOADED_LAST,
    asyncSupported = true)
public class WebhooksServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /**
   * Loaded at startup, after the JAX-RS application (loaded first): when this servlet is
   * initialized the web module is about to take requests, and {@link ServingReadiness} says so.
   */
  static final int LOADED_LAST = 100;

  private static final Logger LOG = Logger.getLogger(WebhooksServlet.class.getName());
  private static final String SHARED = "/apps/";

  /** Refusals logged: the first at each URL, then one a minute with the count of the rest. */
  private static final RefusalLog REFUSALS = new RefusalLog(1, TimeUnit.MINUTES, System::nanoTime);

  /**
   * Deliveries that could not be stored, logged with their stack trace: the first at each URL, then
   * one every 10 s with the count of the rest. While the database is down every delivery fails, and
   * a line with a stack trace each (written by the event writer's answering thread, one after
   * another) would slow the answers and fill the disk. The others are logged at FINE, with the
   * error id their answer names.
   */
  private static final RefusalLog STORE_FAILURES =
      new RefusalLog(10, TimeUnit.SECONDS, System::nanoTime);

  @Inject transient WebhookTargets targets;
  @Inject transient Deliveries deliveries;
  @Inject transient ServingReadiness readiness;

  @Inject
  @ConfigProperty(name = "plugboard.webhook.max-body-bytes")
  transient long maxBytes;

  @Override
  public void init() {
    readiness.serving();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<WebhookTargets.Target> target = target(request);
    if (target.isEmpty()) {
      notFound(response);
      return;
    }
    WebhookRequest handshake = WebhookRequest.get(query(request));
    Handshake answer;
    try {
      answer = target.get().handler().handshake(target.get().setup(), handshake);
      if (answer instanceof Handshake.Refused) {
        // The verify token may have changed a moment ago, on another server instance.
        Optional<WebhookTargets.Target> now = targets.reload(target.get());
        if (now.isPresent()) {
          answer = now.get().handler().handshake(now.get().setup(), handshake);
        }
      }
    } catch (ConnectorException e) {
      connectorFailed(response, e);
      return;
    }
    if (answer instanceof Handshake.Accepted accepted) {
      byte[] body = accepted.body().getBytes(StandardCharsets.UTF_8);
      response.setStatus(200);
      response.setContentType(accepted.contentType() + ";charset=UTF-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    } else if (answer instanceof Handshake.Refused refused) {
      String where = target.get().describe();
      REFUSALS
          .admit("GET " + where)
          .ifPresent(
              leftOut ->
                  LOG.info(
                      "Refused a webhook verification at "
                          + where
                          + ": "
                          + refused.reason()
                          + leftOut(leftOut, "verifications")));
      problem(response, 403, "The verification token does not match.");
    } else {
      problem(response, 400, ((Handshake.Invalid) answer).reason());
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getContentLengthLong() > maxBytes) {
      tooLarge(response);
      return;
    }
    Optional<WebhookTargets.Target> found = target(request);
    if (found.isEmpty()) {
      notFound(response);
      return;
    }
    WebhookTargets.Target target = found.get();
    Optional<byte[]> body = LimitedBody.read(request.getInputStream(), maxBytes);
    if (body.isEmpty()) {
      tooLarge(response);
      return;
    }
    WebhookRequest delivery = WebhookRequest.post(headers(request), body.get());
    Verification verification;
    try {
      verification = target.handler().verify(target.setup(), delivery);
      if (!verification.valid()) {
        // The secret may have changed a moment ago, on another server instance.
        Optional<WebhookTargets.Target> now = targets.reload(target);
        if (now.isPresent()) {
          target = now.get();
          verification = target.handler().verify(target.setup(), delivery);
        }
      }
    } catch (ConnectorException e) {
      connectorFailed(response, e);
      return;
    }
    if (!verification.valid()) {
      String where = target.describe();
      String reason = verification.reason();
      REFUSALS
          .admit("POST " + where)
          .ifPresent(
              leftOut ->
                  LOG.info(
                      "Refused a webhook delivery of "
                          + delivery.bodyLength()
                          + " B at "
                          + where
                          + ": "
                          + reason
                          + leftOut(leftOut, "deliveries")));
      problem(response, 401, "The signature does not prove the delivery: " + verification.reason());
      return;
    }
    List<WebhookEvent> events;
    WebhookTargets.Target verified = target;
    try {
      events = verified.handler().split(delivery);
    } catch (CallerException e) {
      problem(response, 400, e.getMessage());
      return;
    } catch (ConnectorException e) {
      connectorFailed(response, e);
      return;
    }
    // No request thread is held while the events are stored: the event writer's answering thread
    // answers once they have committed (a shared-app delivery's are, before store returns).
    Exchange exchange = new Exchange(request.startAsync());
    deliveries
        .store(verified, events)
        .whenComplete((stored, failure) -> answer(exchange, verified, stored, failure));
  }

  /** Answers a delivery whose events are stored, or could not be: then 503, and it is resent. */
  private static void answer(
      Exchange exchange,
      WebhookTargets.Target target,
      EventStore.Stored stored,
      Throwable failure) {
    String errorId = null;
    if (failure != null) {
      errorId = UUID.randomUUID().toString();
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      logNotStored(STORE_FAILURES, target.describe(), errorId, cause);
    }
    String notStored = errorId;
    try {
      exchange.answer(
          response -> {
            if (notStored != null) {
              problem(
                  response,
                  503,
                  "The delivery could not be stored; send it again. Error id " + notStored);
              return;
            }
            byte[] answer =
                ("{\"events\":"
                        + stored.events()
                        + ",\"stored\":"
                        + stored.stored()
                        + ",\"unmatched\":"
                        + stored.unmatched()
                        + "}")
                    .getBytes(StandardCharsets.US_ASCII);
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(answer.length);
            response.getOutputStream().write(answer);
          });
    } catch (IOException | RuntimeException e) { // the sender has gone: it sends the delivery again
      LOG.log(Level.FINE, "Could not answer a delivery at " + target.describe(), e);
    }
  }

  /**
   * A delivery's exchange while its events are stored (asynchronous, without a time limit of the
   * container's: the event writer answers within its own). It is answered once, and not after the
   * container has ended it (the sender went away): the container may then reuse the request and
   * response objects for another exchange, which must never receive this delivery's answer.
   */
  private static final class Exchange implements AsyncListener {
    private final AsyncContext async;
    private boolean over; // guarded by this

    Exchange(AsyncContext async) {
      this.async = async;
      async.setTimeout(0);
      async.addListener(this);
    }

    /** Writes the answer and ends the exchange, unless the container has ended it already. */
    synchronized void answer(Answer write) throws IOException {
      if (over) {
        return;
      }
      over = true;
      // Ending the exchange may go on to read the connection's next request on this thread.
      PipelineGuard.answering(
          () -> {
            try {
              write.to((HttpServletResponse) async.getResponse());
            } finally {
              async.complete();
            }
          });
    }

    @Override
    public synchronized void onComplete(AsyncEvent event) {
      over = true;
    }

    @Override
    public synchronized void onError(AsyncEvent event) {
      over = true;
    }

    @Override
    public synchronized void onTimeout(AsyncEvent event) {
      over = true;
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not started again
    }
  }

  /** What an answer writes. */
  @FunctionalInterface
  private interface Answer {
    void to(HttpServletResponse response) throws IOException;
  }

  /** The connection ({@code /{key}}) or shared app ({@code /apps/{connectorId}}) of the path. */
  private Optional<WebhookTargets.Target> target(HttpServletRequest request) {
    String path = request.getPathInfo();
    if (path == null || path.length() < 2) {
      return Optional.empty();
    }
    if (path.startsWith(SHARED)) {
      String connectorId = path.substring(SHARED.length());
      return connectorId.isEmpty() || connectorId.contains("/")
          ? Optional.empty()
          : targets.sharedApp(connectorId).map(WebhookTargets.Target.class::cast);
    }
    String key = path.substring(1);
    return key.contains("/")
        ? Optional.empty()
        : targets.connection(key).map(WebhookTargets.Target.class::cast);
  }

  private static Map<String, List<String>> query(HttpServletRequest request) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameterMap().forEach((k, v) -> query.put(k, List.of(v)));
    return query;
  }

  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  /**
   * Logs a delivery that could not be stored: with its stack trace (SEVERE) when the log admits a
   * line at that URL, naming how many failures there were left out since; otherwise at FINE.
   *
   * @param failures which failures get a line
   * @param where the webhook URL's target
   * @param errorId the id the delivery's answer names
   * @param cause what failed
   */
  static void logNotStored(RefusalLog failures, String where, String errorId, Throwable cause) {
    String line = "Could not store a delivery at " + where + ", error id " + errorId;
    OptionalLong logged = failures.admit(where);
    if (logged.isEmpty()) {
      LOG.log(Level.FINE, () -> line + ": " + cause);
      return;
    }
    long leftOut = logged.getAsLong();
    LOG.log(
        Level.SEVERE,
        leftOut == 0
            ? line
            : line + " (" + leftOut + " more failed there since the last one logged, at FINE)",
        cause);
  }

  private static String leftOut(long count, String what) {
    return count == 0
        ? ""
        : " (" + count + " more refused " + what + " there since the last one logged)";
  }

  private static void notFound(HttpServletResponse response) {
    response.setStatus(404);
    response.setContentLength(0);
  }

  private void tooLarge(HttpServletResponse response) throws IOException {
    // The rest of the body is not read: the connection cannot be reused.
    response.setHeader("Connection", "close");
    problem(response, 413, "The delivery is larger than the limit of " + maxBytes + " bytes.");
  }

  /**
   * A connector that could not answer: a plugin's connector that timed out, was busy or failed (its
   * own status), or any other connector error (502). Not acknowledged, so the provider sends the
   * delivery again.
   */
  private static void connectorFailed(HttpServletResponse response, ConnectorException failure)
      throws IOException {
    int status = failure instanceof PluginCallException plugin ? plugin.kind().status() : 502;
    problem(
        response,
        status,
        failure.getMessage() == null ? "The connector failed." : failure.getMessage());
  }

  /** Writes a problem body (UTF-8, with its length); {@link PipelineGuard}'s refusal too. */
  static void problem(HttpServletResponse response, int status, String detail) throws IOException {
    // The detail may come from a plugin connector, in any language: UTF-8, not the servlet
    // writer's default ISO-8859-1.
    byte[] body =
        new Problem(status, title(status), detail, List.of(), Map.of())
            .json()
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(Problem.MEDIA_TYPE + ";charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 413 -> "Content Too Large";
      case 502 -> "Bad Gateway";
      case 504 -> "Gateway Timeout";
      default -> "Service Unavailable";
    };
  }
}
