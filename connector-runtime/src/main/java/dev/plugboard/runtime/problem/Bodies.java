package dev.plugboard.runtime.problem;

/** Checks that a request came with the body its resource method needs. */
public final class Bodies {

  private Bodies() {}

  /**
   * @param body the deserialized body, {@code null} when the request had none
   * @param <T> its type
   * @return the body
   * @throws ProblemException 400 when there is none
   */
  public static <T> T required(T body) {
    if (body == null) {
      throw ProblemException.badRequest("This request needs a JSON body.");
    }
    return body;
  }
}
