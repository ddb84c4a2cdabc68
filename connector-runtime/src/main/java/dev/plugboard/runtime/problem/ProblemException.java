package dev.plugboard.runtime.problem;

import java.util.List;
import java.util.Map;

/**
 * Ends a request with a problem detail. Thrown anywhere below the resources; {@link
 * ProblemExceptionMapper} writes it. Its message is the problem's detail, so it must never hold a
 * secret.
 */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /**
   * @param what the kind of resource, e.g. {@code tenant}
   * @param id the id asked for
   * @return a 404 that reads the same whether the resource is missing or belongs to someone else
   */
  public static ProblemException notFound(String what, Object id) {
    return new ProblemException(Problem.of(404, "There is no " + what + " '" + id + "'."));
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of(400, detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, detail));
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(Problem.of(409, detail));
  }

  public static ProblemException preconditionFailed(String detail) {
    return new ProblemException(Problem.of(412, detail));
  }

  public static ProblemException tooLarge(long limit) {
    return new ProblemException(
        Problem.of(413, "The request body is larger than the limit of " + limit + " bytes."));
  }

  /**
   * @param errors the problems, field by field
   * @return a 422 listing them
   */
  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        new Problem(
            422,
            "Unprocessable Content",
            "The request has invalid values: see errors.",
            errors,
            Map.of()));
  }
}
