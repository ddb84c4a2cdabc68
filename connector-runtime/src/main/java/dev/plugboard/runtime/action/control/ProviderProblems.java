package dev.plugboard.runtime.action.control;

import dev.plugboard.connector.error.AuthorizationException;
import dev.plugboard.connector.error.CallerException;
import dev.plugboard.connector.error.ConnectorException;
import dev.plugboard.connector.error.ProviderError;
import dev.plugboard.connector.error.RateLimitException;
import dev.plugboard.connector.error.TransientException;
import dev.plugboard.runtime.plugin.control.PluginCallException;
import dev.plugboard.runtime.problem.Problem;
import java.time.Duration;

/**
 * How a provider's refusal reaches the API caller: a problem detail whose type says what kind of
 * refusal it was, with what the provider said ({@code providerCode}, {@code providerSubcode},
 * {@code providerType}, {@code providerMessage}, {@code providerTraceId}). The connector's message
 * is the detail: the SPI keeps secrets out of it.
 *
 * <p>Refused credentials are {@code 401} with the type {@code …/provider-unauthorized} and without
 * {@code WWW-Authenticate}, so that a client tells them from a refused API key.
 */
public final class ProviderProblems {

  /** When a rate-limited provider does not say how long to wait. */
  static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

  /** When a provider fails in a way that may pass. */
  static final Duration DEFAULT_TRANSIENT_WAIT = Duration.ofSeconds(10);

  private ProviderProblems() {}

  /**
   * @param failure what the connector threw
   * @return the problem for the API caller
   */
  public static Problem of(ConnectorException failure) {
    String detail =
        failure.getMessage() == null ? "The provider refused the call." : failure.getMessage();
    Problem problem;
    if (failure instanceof PluginCallException plugin) {
      // The plugin's code, not the provider, failed: timed out, busy, removed or crashed.
      return Problem.of(plugin.kind().status(), detail);
    }
    if (failure instanceof CallerException) {
      problem =
          Problem.of(422, detail).withType("provider-refused-input", "Provider refused the input");
    } else if (failure instanceof AuthorizationException) {
      problem =
          Problem.of(401, detail)
              .withType("provider-unauthorized", "Provider refused the credentials");
    } else if (failure instanceof RateLimitException limited) {
      long seconds = limited.retryAfter().orElse(DEFAULT_RATE_LIMIT_WAIT).toSeconds();
      problem =
          Problem.of(429, detail)
              .withType("provider-rate-limited", "Provider rate limit reached")
              .withHeader("Retry-After", Long.toString(seconds))
              .withMember("retryAfter", seconds);
    } else if (failure instanceof TransientException) {
      long seconds = DEFAULT_TRANSIENT_WAIT.toSeconds();
      problem =
          Problem.of(503, detail)
              .withType("provider-unavailable", "Provider temporarily unavailable")
              .withHeader("Retry-After", Long.toString(seconds))
              .withMember("retryAfter", seconds);
    } else {
      problem = Problem.of(502, detail).withType("provider-error", "Provider error");
    }
    return withProvider(problem, failure.providerError());
  }

  /**
   * @param message what did not finish in time
   * @return a 504 saying that the call's effect is unknown
   */
  public static Problem timedOut(String message) {
    return Problem.of(
            504,
            "The provider did not answer in time ("
                + message
                + "). The action may or may not have taken effect: check before calling again.")
        .withType("provider-timeout", "Provider did not answer in time");
  }

  private static Problem withProvider(Problem problem, ProviderError error) {
    Problem out = problem;
    if (error.code().isPresent()) {
      out = out.withMember("providerCode", error.code().get());
    }
    if (error.subcode().isPresent()) {
      out = out.withMember("providerSubcode", error.subcode().get());
    }
    if (error.type().isPresent()) {
      out = out.withMember("providerType", error.type().get());
    }
    if (error.message().isPresent()) {
      out = out.withMember("providerMessage", error.message().get());
    }
    if (error.traceId().isPresent()) {
      out = out.withMember("providerTraceId", error.traceId().get());
    }
    return out;
  }
}
