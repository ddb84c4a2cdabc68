package dev.plugboard.connector;

import java.util.Objects;

/**
 * The outcome of a connection test, shown to the person who asked for it.
 *
 * @param ok whether the setup (and credentials, if any) work against the provider
 * @param message what was checked and, when not ok, what to fix; never a secret
 * @since 1
 */
public record TestResult(boolean ok, String message) {

  /**
   * Checks the arguments.
   *
   * @param ok whether the setup (and credentials, if any) work against the provider
   * @param message what was checked and, when not ok, what to fix; never a secret
   */
  public TestResult {
    Objects.requireNonNull(message, "message");
  }

  /**
   * @param message what was checked
   * @return a passed test
   */
  public static TestResult ok(String message) {
    return new TestResult(true, message);
  }

  /**
   * @param message what failed and what to fix
   * @return a failed test
   */
  public static TestResult failed(String message) {
    return new TestResult(false, message);
  }
}
