package dev.plugboard.runtime.connection.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorDefinition;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a call into a connector that may reach the provider (a code exchange, an action, the work
 * after an authorization) on a pool of its own, bounded in time as a whole: each HTTP call the
 * connector makes already has the context's request timeout, and this bounds the sum. Callers never
 * hold a database transaction across it. Nothing here retries: whether a call may be repeated is
 * the caller's decision.
 */
@ManagedExecutorDefinition(name = ConnectorCalls.EXECUTOR, maxAsync = 64)
@ApplicationScoped
public class ConnectorCalls {

  /** A pool of its own, so that slow providers do not starve the server's default one. */
  static final String EXECUTOR = "java:app/concurrent/plugboard-connector-calls";

  @Resource(lookup = EXECUTOR)
  ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "plugboard.connector.call-timeout")
  Duration timeout;

  /** A connector call did not finish in time; it may or may not have had its effect. */
  public static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * @return how long a call may take in all
   */
  public Duration timeout() {
    return timeout;
  }

  /**
   * @param what the call, for the message, e.g. {@code the code exchange}
   * @param call the call
   * @param <T> what it returns
   * @return what the call returned
   * @throws TimedOut when it did not finish within {@link #timeout()} (it is interrupted)
   * @throws RuntimeException whatever the call threw, as it threw it
   */
  public <T> T run(String what, Callable<T> call) {
    Future<T> outcome = executor.submit(call);
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      outcome.cancel(true);
      throw new TimedOut(what + " did not finish within " + timeout.toSeconds() + " s");
    } catch (InterruptedException e) {
      outcome.cancel(true);
      Thread.currentThread().interrupt();
      throw new TimedOut(what + " was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(what + " failed", cause);
    }
  }
}
