package dev.plugboard.runtime.problem;

import jakarta.persistence.OptimisticLockException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns exceptions that escaped the resources into problems. Frameworks wrap the exceptions that
 * matter (a body over the limit inside a JSON parser error, a lost update inside a rollback), so
 * the whole cause chain is searched before giving up with a 500.
 */
final class Failures {

  private static final Logger LOG = Logger.getLogger(Failures.class.getName());

  private Failures() {}

  /**
   * @param failure what escaped
   * @return the problem a known cause stands for, if there is one
   */
  static Optional<Problem> known(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProblemException p) {
        return Optional.of(p.problem());
      }
      if (t instanceof OptimisticLockException) {
        return Optional.of(
            Problem.of(
                409, "Someone else changed this resource at the same time: fetch it again."));
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("23")) {
        return Optional.of(Problem.of(409, "This conflicts with data that already exists."));
      }
    }
    return Optional.empty();
  }

  /**
   * A 500 whose detail only carries an id to find the logged stack trace by: exception messages can
   * hold anything, including SQL with values in it.
   *
   * @param failure what escaped
   * @return the problem for the client
   */
  static Problem unexpected(Throwable failure) {
    String errorId = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "Unexpected error " + errorId, failure);
    return Problem.of(
        500, "Something went wrong on the server. Quote error id " + errorId + " to the operator.");
  }

  /**
   * @param failure what escaped
   * @return the known problem, else a 500
   */
  static Problem of(Throwable failure) {
    return known(failure).orElseGet(() -> unexpected(failure));
  }
}
