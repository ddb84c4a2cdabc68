package dev.plugboard.runtime.connection.control;

import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.error.ConnectorException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a connector's connection test with a time bound, and turns every way it can fail into a
 * failed result: a test answers the tenant, it never errors the API.
 */
@ApplicationScoped
public class ConnectionTester {

  private static final Logger LOG = Logger.getLogger(ConnectionTester.class.getName());

  @Resource ManagedExecutorService executor;

  @Inject ProviderReads reads;

  @Inject
  @ConfigProperty(name = "plugboard.connection-test.timeout")
  Duration timeout;

  /**
   * @param session the connector bound to the connection
   * @return the outcome
   */
  public TestResult run(ConnectorSession session) {
    Future<TestResult> outcome = executor.submit(() -> reads.test(session));
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      outcome.cancel(true);
      return TestResult.failed(
          "The connection test did not finish within " + timeout.toSeconds() + " s.");
    } catch (InterruptedException e) {
      outcome.cancel(true);
      Thread.currentThread().interrupt();
      return TestResult.failed("The connection test was interrupted.");
    } catch (ExecutionException e) {
      return failed(e.getCause());
    }
  }

  private static TestResult failed(Throwable cause) {
    if (cause instanceof ConnectorException refused && refused.getMessage() != null) {
      // The SPI requires connector exception messages to be free of secrets.
      return TestResult.failed(refused.getMessage());
    }
    String errorId = UUID.randomUUID().toString();
    LOG.log(Level.WARNING, "Connection test failed unexpectedly, error id " + errorId, cause);
    return TestResult.failed(
        "The connector failed unexpectedly. Quote error id " + errorId + " to the operator.");
  }
}
