package dev.plugboard.runtime.webhook.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a request that the container serves on the thread answering webhook deliveries.
 *
 * <p>A delivery to a connection's webhook URL is answered asynchronously, once its events have
 * committed, by the event writer's answering thread (or by the thread that gives up waiting for the
 * commit): one thread answers every tenant's deliveries. Ending the delivery's exchange makes the
 * container go on with its connection on that same thread, so a request the sender pipelined behind
 * the delivery (sent before the answer came) would be read and served there: a sender that stalls
 * halfway through such a request's body, or pipelines a slow API call, would hold up every other
 * tenant's answers until they time out. Such a request is answered {@code 503} with {@code
 * Connection: close} instead, without reading its body, and the sender sends it again on a new
 * connection. Webhook senders (Meta) and proxies do not pipeline; a request on a kept-alive
 * connection sent after the previous answer is served as usual.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PipelineGuard extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final ThreadLocal<Boolean> ANSWERING = ThreadLocal.withInitial(() -> false);

  /** Work that writes an asynchronous answer and ends its exchange. */
  @FunctionalInterface
  interface Answering {
    void run() throws IOException;
  }

  /**
   * Runs what ends an asynchronously answered exchange, on whatever thread completes it: a request
   * the container reads on this thread meanwhile is refused.
   *
   * @param answer writes the answer and ends the exchange
   * @throws IOException when the answer cannot be written
   */
  static void answering(Answering answer) throws IOException {
    boolean outer = ANSWERING.get();
    ANSWERING.set(true);
    try {
      answer.run();
    } finally {
      ANSWERING.set(outer);
    }
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!ANSWERING.get()) {
      chain.doFilter(request, response);
      return;
    }
    // Its body, if any, is not read: the connection cannot be reused.
    response.setHeader("Connection", "close");
    response.setHeader("Retry-After", "1");
    WebhooksServlet.problem(
        response,
        503,
        "Requests pipelined behind a webhook delivery on one connection are not served;"
            + " send this one again on a new connection.");
  }
}
