package dev.plugboard.runtime.connection.control;

import dev.plugboard.connector.ConnectorSession;
import dev.plugboard.connector.TestResult;
import dev.plugboard.connector.error.TransientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Connector calls that only read at the provider, so repeating them cannot have an effect twice:
 * these, and only these, are retried when they fail in a way that may pass (a timeout, a 5xx, the
 * provider's "unexpected error"), a bounded number of times with a jittered backoff. Code exchanges
 * (a code is single-use) and actions are never retried.
 */
@ApplicationScoped
public class ProviderReads {

  /**
   * @param session the connector bound to a connection
   * @return the outcome of its connection test
   */
  @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = TransientException.class)
  public TestResult test(ConnectorSession session) {
    return session.test();
  }
}
